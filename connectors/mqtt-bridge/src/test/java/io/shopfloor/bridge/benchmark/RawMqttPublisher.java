package io.shopfloor.bridge.benchmark;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal MQTT 3.1.1 QoS 1 publisher over a plain socket, as load generators are (a Paho publisher costs more
 * CPU per message than the bridge itself, and on this 2-core machine the publishers would measure themselves):
 * CONNECT with a clean session, PUBLISH with packet ids, a reader thread counting PUBACKs, a bounded window of
 * unacknowledged publishes. Writes are buffered and flushed whenever the window is full or on
 * {@link #awaitAcknowledged()}.
 */
final class RawMqttPublisher implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Semaphore window;
    private final int windowSize;
    private final Thread reader;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int nextPacketId = 1;

    RawMqttPublisher(String serverUri, String clientId, int windowSize) throws IOException {
        URI uri = URI.create(serverUri);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        // CONNECT: protocol "MQTT" level 4, clean session, keep alive 60 s, client id
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
        out.write(0x10);
        writeLength(variable.length + 2 + id.length);
        out.write(variable);
        writeString(id);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        if (in.readUnsignedByte() != 0x20 || in.readUnsignedByte() != 2 || in.readUnsignedByte() > 1
                || in.readUnsignedByte() != 0) {
            throw new IOException("connection refused by " + serverUri);
        }
        reader = new Thread(() -> {
            try {
                byte[] acks = new byte[4 * 256];
                java.io.InputStream input = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
                int buffered = 0;
                while (true) {
                    int read = input.read(acks, buffered, acks.length - buffered);
                    if (read < 0) {
                        return;
                    }
                    buffered += read;
                    int packets = buffered / 4; // PUBACK: 0x40 0x02 id id
                    for (int i = 0; i < packets; i++) {
                        if (acks[i * 4] != 0x40) {
                            throw new IOException("unexpected packet type " + (acks[i * 4] & 0xFF));
                        }
                    }
                    window.release(packets);
                    System.arraycopy(acks, packets * 4, acks, 0, buffered - packets * 4);
                    buffered -= packets * 4;
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    failure.compareAndSet(null, e);
                }
            }
        }, "raw-publisher-acks-" + clientId);
        reader.setDaemon(true);
        reader.start();
    }

    void publish(String topic, String payload) throws Exception {
        if (!window.tryAcquire()) {
            out.flush(); // everything written so far goes out before waiting for its acknowledgements
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no PUBACK for 30 s", failure.get());
            }
        }
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        int packetId = nextPacketId;
        nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        out.write(0x32); // PUBLISH, QoS 1
        writeLength(2 + topicBytes.length + 2 + body.length);
        writeString(topicBytes);
        out.write(packetId >> 8);
        out.write(packetId & 0xFF);
        out.write(body);
    }

    void awaitAcknowledged() throws Exception {
        out.flush();
        if (!window.tryAcquire(windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes unacknowledged after 60 s", failure.get());
        }
        window.release(windowSize);
        if (failure.get() != null) {
            throw new IllegalStateException("publisher failed", failure.get());
        }
    }

    private void writeString(byte[] bytes) throws IOException {
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes);
    }

    private void writeLength(int length) throws IOException {
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    @Override
    public void close() throws IOException {
        out.write(0xE0); // DISCONNECT
        out.write(0);
        out.flush();
        socket.close();
    }
}
