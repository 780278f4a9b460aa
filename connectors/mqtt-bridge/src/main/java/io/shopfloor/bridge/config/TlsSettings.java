package io.shopfloor.bridge.config;

/**
 * TLS towards the broker ({@code ssl://} server URIs): the trust store holding the broker's CA, and optionally a
 * key store with the bridge's client certificate. Store types are what {@link java.security.KeyStore} knows
 * (PKCS12 by default, JKS).
 */
public record TlsSettings(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
                          String keyStorePassword, String keyStoreType, Boolean hostnameVerification) {

    public TlsSettings {
        trustStoreType = trustStoreType == null ? "PKCS12" : trustStoreType;
        keyStoreType = keyStoreType == null ? "PKCS12" : keyStoreType;
        hostnameVerification = hostnameVerification == null || hostnameVerification;
    }
}
