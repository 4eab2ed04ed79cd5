package dev.momo.serde;

import dev.momo.schema.InferenceEvent;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Makes Avro trust the generated record classes of package {@value #SCHEMA_PACKAGE}.
 *
 * <p>Avro 1.12.2 validates every class that it loads by name while reading records
 * ({@code SpecificData.getClass}, through {@code ClassUtils.forName} and
 * {@link ClassSecurityValidator#validate}). It throws {@code SecurityException: Forbidden ... not
 * trusted} for every class except a fixed list of {@code java.lang} and {@code java.math} types
 * (such as {@code Long} and {@code String}) and the classes and packages of the system properties
 * {@code org.apache.avro.SERIALIZABLE_CLASSES} and {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 * Avro reads those properties only once, when its validator class loads, so setting them at run
 * time may come too late. This class therefore installs a global predicate that trusts
 * {@value #SCHEMA_PACKAGE} and passes every other class to the predicate installed before it, which
 * keeps the packages and classes that the user configured.
 *
 * <p>The serdes of this package call {@link #trustSchemaPackage()} in their static initializers, so
 * that users need no setting of their own.
 */
public final class AvroClassTrust {

    /** Package of the classes generated from the Avro schemas of Momo. */
    public static final String SCHEMA_PACKAGE = "dev.momo.schema";

    private AvroClassTrust() {
    }

    /**
     * Adds {@value #SCHEMA_PACKAGE} and its subpackages to the classes that Avro trusts, unless the
     * global predicate already trusts them. Calling it again does nothing.
     */
    public static synchronized void trustSchemaPackage() {
        // NOTE: code that later calls ClassSecurityValidator.setGlobal with a predicate of its own
        // removes this trust, and reading records of the schema package then fails again.
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current.isTrusted(InferenceEvent.class)) {
            return;
        }
        ClassSecurityValidator.setGlobal(new SchemaPackagePredicate(current));
    }

    /** Predicate that trusts the schema package and defers every other class to {@code fallback}. */
    private static final class SchemaPackagePredicate implements ClassSecurityPredicate {

        private final ClassSecurityPredicate fallback;

        SchemaPackagePredicate(ClassSecurityPredicate fallback) {
            this.fallback = fallback;
        }

        @Override
        public boolean isTrusted(Class<?> type) {
            return type.getName().startsWith(SCHEMA_PACKAGE + ".") || fallback.isTrusted(type);
        }

        @Override
        public void forbiddenClass(String className) {
            fallback.forbiddenClass(className);
        }
    }
}
