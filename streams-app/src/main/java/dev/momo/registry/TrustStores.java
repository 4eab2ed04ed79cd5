package dev.momo.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context that trusts exactly the certificates of a trust store file. */
final class TrustStores {

    private TrustStores() {
    }

    /**
     * Returns a TLS context whose trust managers come from the trust store. The JDK's HTTP client still
     * checks that the certificate names the host it connects to (subject alternative name).
     *
     * @throws IllegalArgumentException naming the trust store keys if the file cannot be read, the
     *     password is wrong, or the file contains no certificate. The password is never shown.
     */
    static SSLContext sslContext(final TrustStoreSettings settings) {
        final KeyStore store = load(settings);
        try {
            if (store.size() == 0) {
                throw new IllegalArgumentException("invalid " + RegistrySettings.TRUSTSTORE_LOCATION_KEY + " '"
                        + settings.location() + "': the trust store contains no certificate");
            }
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store " + settings.location() + " ("
                    + RegistrySettings.TRUSTSTORE_LOCATION_KEY + "): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(final TrustStoreSettings settings) {
        final KeyStore store;
        try {
            store = KeyStore.getInstance(settings.type());
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.TRUSTSTORE_TYPE_KEY + " '"
                    + settings.type() + "': " + e.getMessage(), e);
        }
        final char[] password = settings.password().isEmpty() ? null : settings.password().toCharArray();
        try (InputStream in = Files.newInputStream(settings.location())) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("cannot open the trust store " + settings.location()
                        + ": the password in " + RegistrySettings.TRUSTSTORE_PASSWORD_KEY + " is wrong", e);
            }
            throw new IllegalArgumentException("cannot read the trust store " + settings.location() + " as "
                    + settings.type() + " (" + RegistrySettings.TRUSTSTORE_LOCATION_KEY + ", "
                    + RegistrySettings.TRUSTSTORE_TYPE_KEY + "): " + e.getMessage()
                    + "; check the file and its type (PKCS12 or JKS)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + settings.location() + ": "
                    + e.getMessage(), e);
        }
    }
}
