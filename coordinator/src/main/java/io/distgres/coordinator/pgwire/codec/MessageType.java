package io.distgres.coordinator.pgwire.codec;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The type byte of every typed message of protocol 3.0, named once for both directions. The same
 * byte means different messages by direction ('D' is Describe from the client, DataRow from the
 * server), so a byte is looked up in the table of one direction only.
 */
public enum MessageType {
    // sent by the client
    QUERY('Q', Direction.FRONTEND),
    PARSE('P', Direction.FRONTEND),
    BIND('B', Direction.FRONTEND),
    DESCRIBE('D', Direction.FRONTEND),
    EXECUTE('E', Direction.FRONTEND),
    CLOSE('C', Direction.FRONTEND),
    SYNC('S', Direction.FRONTEND),
    FLUSH('H', Direction.FRONTEND),
    TERMINATE('X', Direction.FRONTEND),
    COPY_FAIL('f', Direction.FRONTEND),
    /** PasswordMessage, and the SASL and GSS responses, which share its byte. */
    PASSWORD_MESSAGE('p', Direction.FRONTEND),
    FUNCTION_CALL('F', Direction.FRONTEND),

    // sent both ways
    COPY_DATA('d', Direction.BOTH),
    COPY_DONE('c', Direction.BOTH),

    // sent by the server
    AUTHENTICATION('R', Direction.BACKEND),
    PARAMETER_STATUS('S', Direction.BACKEND),
    BACKEND_KEY_DATA('K', Direction.BACKEND),
    NEGOTIATE_PROTOCOL_VERSION('v', Direction.BACKEND),
    READY_FOR_QUERY('Z', Direction.BACKEND),
    ROW_DESCRIPTION('T', Direction.BACKEND),
    DATA_ROW('D', Direction.BACKEND),
    COMMAND_COMPLETE('C', Direction.BACKEND),
    EMPTY_QUERY_RESPONSE('I', Direction.BACKEND),
    PARSE_COMPLETE('1', Direction.BACKEND),
    BIND_COMPLETE('2', Direction.BACKEND),
    CLOSE_COMPLETE('3', Direction.BACKEND),
    NO_DATA('n', Direction.BACKEND),
    PORTAL_SUSPENDED('s', Direction.BACKEND),
    PARAMETER_DESCRIPTION('t', Direction.BACKEND),
    ERROR_RESPONSE('E', Direction.BACKEND),
    NOTICE_RESPONSE('N', Direction.BACKEND),
    NOTIFICATION_RESPONSE('A', Direction.BACKEND),
    COPY_IN_RESPONSE('G', Direction.BACKEND),
    COPY_OUT_RESPONSE('H', Direction.BACKEND),
    COPY_BOTH_RESPONSE('W', Direction.BACKEND),
    FUNCTION_CALL_RESPONSE('V', Direction.BACKEND);

    /** Who sends a message of a type. */
    public enum Direction {
        FRONTEND, BACKEND, BOTH;

        boolean sentByClient() {
            return this != BACKEND;
        }
    }

    private static final Map<Byte, MessageType> SENT_BY_CLIENT = Arrays.stream(values())
            .filter(type -> type.direction.sentByClient())
            .collect(Collectors.toUnmodifiableMap(MessageType::code, type -> type));

    private final byte code;
    private final Direction direction;

    MessageType(char code, Direction direction) {
        this.code = (byte) code;
        this.direction = direction;
    }

    /** The type byte on the wire. */
    public byte code() {
        return code;
    }

    public Direction direction() {
        return direction;
    }

    /** The message a client sends with type byte {@code code}, or null for a byte no client message has. */
    public static MessageType fromClient(byte code) {
        return SENT_BY_CLIENT.get(code);
    }

    /** The type byte as PostgreSQL's messages print it: the character, or its hex code when unprintable. */
    static String printable(byte code) {
        return code >= 32 && code < 127 ? String.valueOf((char) code) : "\\x" + Integer.toHexString(code & 0xFF);
    }
}
