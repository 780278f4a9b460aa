package io.shopfloor.terminal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt per user. */
public final class PasswordHashing {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; stored per user, so it can rise later. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    static final int MIN_PASSWORD_LENGTH = 8;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashing() {
    }

    public static User newUser(String name, Role role, String workCenterNo, char[] password, int iterations) {
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new User(name, role, workCenterNo, iterations, salt, hash(password, salt, iterations));
    }

    /** Compares in constant time. */
    public static boolean matches(User user, char[] password) {
        return MessageDigest.isEqual(user.hash(), hash(password, user.salt(), user.iterations()));
    }

    static byte[] hash(char[] password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
