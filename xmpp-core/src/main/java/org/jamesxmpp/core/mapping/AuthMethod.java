package org.jamesxmpp.core.mapping;

/**
 * How the s2s peer domain was authenticated.
 */
public enum AuthMethod {
    DIALBACK("dialback"),
    SASL_EXTERNAL("sasl-external");

    private final String token;

    AuthMethod(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
