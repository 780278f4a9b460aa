package io.shopfloor.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array written big-endian, as PostgreSQL's binary COPY format wants it. */
final class CopyBuffer {
    private byte[] bytes;
    private int size;

    CopyBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void putByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void putShort(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void putInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    void putBytes(byte[] value) {
        putBytes(value, 0, value.length);
    }

    void putBytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    /** A field of text: its UTF-8 length, then its UTF-8 bytes (ASCII without an intermediate array). */
    void putLengthAndUtf8(String text) {
        putLengthVersionAndUtf8(-1, text);
    }

    /** Like {@link #putLengthAndUtf8} with a leading version byte (jsonb's binary form) unless it is -1. */
    void putLengthVersionAndUtf8(int version, String text) {
        int length = text.length();
        int prefix = version >= 0 ? 1 : 0;
        if (isAscii(text)) {
            ensure(4 + prefix + length);
            putInt(prefix + length);
            if (prefix == 1) {
                bytes[size++] = (byte) version;
            }
            // Deprecated for characters above 0xFF only; every character here is ASCII.
            text.getBytes(0, length, bytes, size);
            size += length;
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            putInt(prefix + utf8.length);
            if (prefix == 1) {
                putByte(version);
            }
            putBytes(utf8);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
