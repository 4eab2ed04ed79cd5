package dev.momo.registry;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Trust store that decides which server certificates an https Schema Registry URL may present, in place
 * of the JVM's default trust store. It contains the certificate of a private certificate authority, or the
 * registry's own self-signed certificate.
 *
 * @param location trust store file
 * @param password password of the file; empty when the file has none. A secret: {@link #toString()}
 *     leaves it out.
 * @param type {@code PKCS12} or {@code JKS}, upper case
 */
public record TrustStoreSettings(Path location, String password, String type) {

    /** Trust store types that the JDK 17 reads. */
    public static final Set<String> TYPES = Set.of("PKCS12", "JKS");

    public TrustStoreSettings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
        type = type.trim().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("invalid trust store type '" + type + "'; expected PKCS12 or JKS");
        }
    }

    /** Shows the location and type; the password only shows as set or not. */
    @Override
    public String toString() {
        return "TrustStoreSettings[location=" + location + ", type=" + type + ", password="
                + (password.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
