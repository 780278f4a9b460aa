package io.shopfloor.bridge.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho reads MQTT packets byte by byte from the socket's
 * stream, which for a raw socket is a system call per byte: in the benchmark its receiver threads were the
 * largest CPU cost of the bridge. (TLS sockets buffer already.)
 */
public final class BufferedSocketFactory extends SocketFactory {
    private static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new BufferedSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = new BufferedSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new BufferedSocket();
        socket.connect(address);
        return socket;
    }

    private static final class BufferedSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
            }
            return input;
        }
    }
}
