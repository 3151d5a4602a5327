package io.distgres.coordinator.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL v3 client driven by hand over a plain socket, for byte sequences no driver sends:
 * the test builds each frontend message (or garbage) and reads the backend messages one by one.
 *
 * <pre>{@code
 * try (RawWireClient c = RawWireClient.connect(port)) {
 *     c.startup(Map.of("user", "postgres", "database", "postgres"));
 *     c.readUntilReady();
 *     c.send(RawWireClient.typed('Q', RawWireClient.cString("")));
 *     List<Message> reply = c.readUntilReady();
 * }
 * }</pre>
 */
public final class RawWireClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;

    private RawWireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    public static RawWireClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new RawWireClient(socket);
    }

    /** A started session for {@code postgres} on database {@code postgres}, past its first ReadyForQuery. */
    public static RawWireClient connectAndStart(int port) throws IOException {
        RawWireClient client = connect(port);
        client.startup(Map.of("user", "postgres", "database", "postgres"));
        List<Message> greeting = client.readUntilReady();
        if (greeting.get(0).type() != 'R') {
            throw new IllegalStateException("startup failed: " + greeting);
        }
        return client;
    }

    public void send(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        socket.getOutputStream().write(all.toByteArray());
        socket.getOutputStream().flush();
    }

    /** Sends a protocol 3.0 StartupMessage with these parameters in order. */
    public void startup(Map<String, String> parameters) throws IOException {
        send(startupPacket(3 << 16, parameters));
    }

    /** Reads one backend message; throws EOFException once the server has closed the connection. */
    public Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        if (length < 4) {
            throw new IOException("backend sent message '" + type + "' with length " + length);
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    /** Reads one raw byte, as the answer to SSLRequest or GSSENCRequest. */
    public int readByte() throws IOException {
        return in.readUnsignedByte();
    }

    /** Reads messages up to and including the first one of {@code type}. */
    public List<Message> readThrough(char type) throws IOException {
        List<Message> messages = new ArrayList<>();
        Message message;
        do {
            message = read();
            messages.add(message);
        } while (message.type() != type);
        return messages;
    }

    /** Reads messages up to and including ReadyForQuery. */
    public List<Message> readUntilReady() throws IOException {
        return readThrough('Z');
    }

    /** Reads until the server closes the connection; returns what arrived before, or throws if it stays open. */
    public List<Message> readUntilClosed() throws IOException {
        List<Message> messages = new ArrayList<>();
        try {
            while (true) {
                messages.add(read());
            }
        } catch (EOFException | SocketException e) {
            return messages; // closed (a reset counts: the server closed with our bytes unread)
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; received so far: " + messages, e);
        }
    }

    /** Writes that may fail because the server already closed the connection. */
    public void sendIgnoringClose(byte[]... parts) {
        try {
            send(parts);
        } catch (IOException e) {
            // the server may close before reading everything we send
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ---- frontend message bytes ----

    public static byte[] startupPacket(int protocolVersion, Map<String, String> parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(int32(protocolVersion));
        new LinkedHashMap<>(parameters).forEach((name, value) -> {
            body.writeBytes(cString(name));
            body.writeBytes(cString(value));
        });
        body.write(0);
        return untyped(body.toByteArray());
    }

    /** An untyped startup-phase packet: Int32 length (including itself), then the body. */
    public static byte[] untyped(byte[] body) {
        return concat(int32(body.length + 4), body);
    }

    /** A typed message: type byte, Int32 length (including itself), then the body. */
    public static byte[] typed(char type, byte[]... body) {
        byte[] joined = concat(body);
        return concat(new byte[] {(byte) type}, int32(joined.length + 4), joined);
    }

    public static byte[] query(String sql) {
        return typed('Q', cString(sql));
    }

    public static byte[] parse(String statement, String sql, int... parameterTypes) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        for (int type : parameterTypes) {
            types.writeBytes(int32(type));
        }
        return typed('P', cString(statement), cString(sql), int16(parameterTypes.length), types.toByteArray());
    }

    /** Bind with text parameters (null for SQL NULL) and text results. */
    public static byte[] bind(String portal, String statement, String... parameters) {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (String parameter : parameters) {
            if (parameter == null) {
                values.writeBytes(int32(-1));
            } else {
                byte[] bytes = parameter.getBytes(StandardCharsets.UTF_8);
                values.writeBytes(int32(bytes.length));
                values.writeBytes(bytes);
            }
        }
        return typed('B', cString(portal), cString(statement), int16(0), int16(parameters.length),
                values.toByteArray(), int16(0));
    }

    public static byte[] describe(char kind, String name) {
        return typed('D', new byte[] {(byte) kind}, cString(name));
    }

    public static byte[] execute(String portal, int maxRows) {
        return typed('E', cString(portal), int32(maxRows));
    }

    public static byte[] close(char kind, String name) {
        return typed('C', new byte[] {(byte) kind}, cString(name));
    }

    public static byte[] sync() {
        return typed('S');
    }

    public static byte[] flush() {
        return typed('H');
    }

    public static byte[] terminate() {
        return typed('X');
    }

    public static byte[] cString(String value) {
        return concat(value.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    public static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    public static byte[] int16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One backend message. */
    public record Message(char type, byte[] body) {

        /** A field of an ErrorResponse or NoticeResponse by its code: 'S' severity, 'C' SQLSTATE, 'M' message. */
        public String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }

        /** The transaction status of a ReadyForQuery. */
        public char status() {
            return (char) body[0];
        }

        /** The tag of a CommandComplete. */
        public String commandTag() {
            return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }

        /** The text of each column of a DataRow (null for SQL NULL). */
        public List<String> columns() {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            int count = buffer.getShort();
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = buffer.getInt();
                if (length < 0) {
                    values.add(null);
                } else {
                    values.add(new String(body, buffer.position(), length, StandardCharsets.UTF_8));
                    buffer.position(buffer.position() + length);
                }
            }
            return values;
        }

        @Override
        public String toString() {
            return switch (type) {
                case 'E', 'N' -> type + "(" + field('S') + " " + field('C') + " " + field('M') + ")";
                case 'C' -> "C(" + commandTag() + ")";
                case 'Z' -> "Z(" + status() + ")";
                case 'D' -> "D" + columns();
                default -> String.valueOf(type);
            };
        }
    }
}
