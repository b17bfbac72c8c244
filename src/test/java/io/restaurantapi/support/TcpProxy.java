package io.restaurantapi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on a local port of its own, to make a server unreachable on demand while it keeps its data:
 * {@link #cut()} drops every open connection and drops each new one as soon as it is accepted, like a server
 * that died; {@link #restore()} forwards again. {@link #cutAfterUpstreamBytes(long)} cuts by itself once that
 * many bytes have gone towards the server, for a failure at a reproducible point of a long transfer.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private volatile long cutAfterUpstreamBytes = Long.MAX_VALUE;
    private volatile boolean cut;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code targetPort} on the loopback interface. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes forwarded from clients to the server so far. */
    public long upstreamBytes() {
        return upstreamBytes.get();
    }

    public boolean isCut() {
        return cut;
    }

    public void cutAfterUpstreamBytes(long bytes) {
        cutAfterUpstreamBytes = bytes;
        if (upstreamBytes.get() >= bytes) {
            cut();
        }
    }

    public synchronized void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public synchronized void restore() {
        cutAfterUpstreamBytes = Long.MAX_VALUE;
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                // The listener closed, or the target refused this one connection: go on with the next.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try {
                        for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
                            if (upstream && upstreamBytes.addAndGet(n) >= cutAfterUpstreamBytes) {
                                cut();
                                return;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // One side closed or was cut.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-" + (upstream ? "up" : "down"));
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
