package io.distgres.coordinator.pgwire.codec;

import static io.distgres.coordinator.pgwire.codec.Frames.bytes;
import static io.distgres.coordinator.pgwire.codec.Frames.cString;
import static io.distgres.coordinator.pgwire.codec.Frames.concat;
import static io.distgres.coordinator.pgwire.codec.Frames.int16;
import static io.distgres.coordinator.pgwire.codec.Frames.int32;
import static io.distgres.coordinator.pgwire.codec.Frames.int8;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.error.PgError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The backend encoders byte for byte against the message formats of protocol 3.0: each writes
 * one frame whose length word matches its body, with the type byte of {@link MessageType}.
 */
class BackendMessagesTest {

    /** One typed frame as a client reads it, its body in hex so that frames compare by content. */
    private record Frame(byte type, String body) {
        Frame(byte type, byte[] body) {
            this(type, HexFormat.of().formatHex(body));
        }

        byte[] bodyBytes() {
            return HexFormat.of().parseHex(body);
        }
    }

    @Test
    void fixedSizeMessages() {
        assertThat(only(BackendMessages::authenticationOk)).isEqualTo(frame(MessageType.AUTHENTICATION, int32(0)));
        assertThat(only(out -> BackendMessages.backendKeyData(out, 77, -5)))
                .isEqualTo(frame(MessageType.BACKEND_KEY_DATA, int32(77), int32(-5)));
        assertThat(only(out -> BackendMessages.readyForQuery(out, TransactionStatus.OPEN)))
                .isEqualTo(frame(MessageType.READY_FOR_QUERY, int8('T')));
        assertThat(only(BackendMessages::emptyQueryResponse)).isEqualTo(frame(MessageType.EMPTY_QUERY_RESPONSE));
        assertThat(only(BackendMessages::parseComplete)).isEqualTo(frame(MessageType.PARSE_COMPLETE));
        assertThat(only(BackendMessages::bindComplete)).isEqualTo(frame(MessageType.BIND_COMPLETE));
        assertThat(only(BackendMessages::closeComplete)).isEqualTo(frame(MessageType.CLOSE_COMPLETE));
        assertThat(only(BackendMessages::noData)).isEqualTo(frame(MessageType.NO_DATA));
        assertThat(only(BackendMessages::portalSuspended)).isEqualTo(frame(MessageType.PORTAL_SUSPENDED));
        assertThat(only(BackendMessages::copyDone)).isEqualTo(frame(MessageType.COPY_DONE));
    }

    @Test
    void encryptionRefusalIsOneUntypedByte() {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.encryptionRefused(out);
        assertThat(bytes(out)).containsExactly('N');
    }

    @Test
    void textMessages() {
        assertThat(only(out -> BackendMessages.parameterStatus(out, "TimeZone", "Europe/Zürich")))
                .isEqualTo(frame(MessageType.PARAMETER_STATUS, cString("TimeZone"), cString("Europe/Zürich")));
        assertThat(only(out -> BackendMessages.commandComplete(out, "INSERT 0 3")))
                .isEqualTo(frame(MessageType.COMMAND_COMPLETE, cString("INSERT 0 3")));
        assertThat(only(out -> BackendMessages.notificationResponse(out, 12, "jobs", "42")))
                .isEqualTo(frame(MessageType.NOTIFICATION_RESPONSE, int32(12), cString("jobs"), cString("42")));
        assertThat(only(out -> BackendMessages.negotiateProtocolVersion(out, 0, List.of("_pq_.compress"))))
                .isEqualTo(frame(MessageType.NEGOTIATE_PROTOCOL_VERSION, int32(0), int32(1),
                        cString("_pq_.compress")));
    }

    @Test
    void rowDescriptionAppliesTheFormatRuleOfBind() {
        List<ColumnDescriptor> columns = List.of(new ColumnDescriptor("id", 0, (short) 0, 23, (short) 4, -1),
                new ColumnDescriptor("name", 16400, (short) 2, 25, (short) -1, -1));
        byte[] id = concat(cString("id"), int32(0), int16(0), int32(23), int16(4), int32(-1));
        byte[] name = concat(cString("name"), int32(16400), int16(2), int32(25), int16(-1), int32(-1));
        assertThat(only(out -> BackendMessages.rowDescription(out, columns, new short[0])))
                .isEqualTo(frame(MessageType.ROW_DESCRIPTION, int16(2), id, int16(0), name, int16(0)));
        assertThat(only(out -> BackendMessages.rowDescription(out, columns, new short[] {1})))
                .as("one format applies to all").isEqualTo(frame(MessageType.ROW_DESCRIPTION, int16(2), id, int16(1),
                        name, int16(1)));
        assertThat(only(out -> BackendMessages.rowDescription(out, columns, new short[] {0, 1})))
                .isEqualTo(frame(MessageType.ROW_DESCRIPTION, int16(2), id, int16(0), name, int16(1)));
    }

    @Test
    void dataRowWritesNullAsLengthMinusOne() {
        byte[][] cells = {"7".getBytes(StandardCharsets.UTF_8), null, new byte[0]};
        assertThat(only(out -> BackendMessages.dataRow(out, cells))).isEqualTo(frame(MessageType.DATA_ROW, int16(3),
                int32(1), "7".getBytes(StandardCharsets.UTF_8), int32(-1), int32(0)));
    }

    @Test
    void parameterDescriptionListsTheTypes() {
        assertThat(only(out -> BackendMessages.parameterDescription(out, new int[] {23, 25})))
                .isEqualTo(frame(MessageType.PARAMETER_DESCRIPTION, int16(2), int32(23), int32(25)));
    }

    @Test
    void copyMessages() {
        assertThat(only(out -> BackendMessages.copyInResponse(out, 0, new short[] {0, 0})))
                .isEqualTo(frame(MessageType.COPY_IN_RESPONSE, int8(0), int16(2), int16(0), int16(0)));
        assertThat(only(out -> BackendMessages.copyOutResponse(out, 1, new short[] {1})))
                .isEqualTo(frame(MessageType.COPY_OUT_RESPONSE, int8(1), int16(1), int16(1)));
        assertThat(only(out -> BackendMessages.copyData(out, "a\tb\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(frame(MessageType.COPY_DATA, "a\tb\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void errorResponseCarriesEveryFieldThatIsSet() {
        PgError error = new PgError("ERROR", "23505", "duplicate key value violates unique constraint \"t_pkey\"",
                "Key (id)=(1) already exists.", null, 8, null, "public", "t", null, null, "t_pkey", "_bt_check_unique");
        Frame frame = only(out -> BackendMessages.errorResponse(out, error));
        assertThat(frame.type()).isEqualTo(MessageType.ERROR_RESPONSE.code());
        assertThat(fields(frame.bodyBytes())).containsExactly(Map.entry('S', "ERROR"), Map.entry('V', "ERROR"),
                Map.entry('C', "23505"), Map.entry('M', error.message()), Map.entry('D', error.detail()),
                Map.entry('P', "8"), Map.entry('s', "public"), Map.entry('t', "t"), Map.entry('n', "t_pkey"),
                Map.entry('R', "_bt_check_unique"));
    }

    @Test
    void emptyOptionalFieldsAreLeftOutAsPostgresqlLeavesOutAbsentOnes() {
        // a worker's error crosses gRPC with empty strings for absent fields (psql printed "DETAIL:  ")
        PgError error = new PgError("ERROR", "3F000", "schema \"app\" does not exist", "", "", 0, "", "", "", "",
                "", "", "");
        Frame frame = only(out -> BackendMessages.errorResponse(out, error));
        assertThat(fields(frame.bodyBytes())).containsExactly(Map.entry('S', "ERROR"), Map.entry('V', "ERROR"),
                Map.entry('C', "3F000"), Map.entry('M', error.message()));
    }

    @Test
    void noticeResponseHasTheNoticeTypeByte() {
        PgError notice = new PgError("WARNING", "01007", "careful", null, "look", 0, "PL/pgSQL function f() line 1",
                null, null, null, null, null);
        Frame frame = only(out -> BackendMessages.noticeResponse(out, notice));
        assertThat(frame.type()).isEqualTo(MessageType.NOTICE_RESPONSE.code());
        assertThat(fields(frame.bodyBytes())).containsExactly(Map.entry('S', "WARNING"), Map.entry('V', "WARNING"),
                Map.entry('C', "01007"), Map.entry('M', "careful"), Map.entry('H', "look"),
                Map.entry('W', "PL/pgSQL function f() line 1"));
    }

    @Test
    void messagesWrittenInARowStayFramed() {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.commandComplete(out, "SELECT 1");
        BackendMessages.readyForQuery(out, TransactionStatus.IDLE);
        assertThat(frames(out)).extracting(Frame::type).containsExactly(MessageType.COMMAND_COMPLETE.code(),
                MessageType.READY_FOR_QUERY.code());
    }

    private static Frame only(Consumer<ByteBuf> encoder) {
        ByteBuf out = Unpooled.buffer();
        encoder.accept(out);
        List<Frame> frames = frames(out);
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    /** Splits {@code out} into frames, checking that every length word covers exactly its body. */
    private static List<Frame> frames(ByteBuf out) {
        List<Frame> frames = new ArrayList<>();
        while (out.isReadable()) {
            byte type = out.readByte();
            int length = out.readInt();
            assertThat(length).as("length of '%s'", (char) type).isBetween(4, out.readableBytes() + 4);
            byte[] body = new byte[length - 4];
            out.readBytes(body);
            frames.add(new Frame(type, body));
        }
        return frames;
    }

    private static Frame frame(MessageType type, byte[]... body) {
        return new Frame(type.code(), concat(body));
    }

    /** The fields of an ErrorResponse or NoticeResponse body, in order; the body must end with its terminator. */
    private static List<Map.Entry<Character, String>> fields(byte[] body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        int at = 0;
        while (body[at] != 0) {
            char code = (char) body[at++];
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            fields.put(code, new String(body, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        assertThat(at).as("terminator is the last byte").isEqualTo(body.length - 1);
        return new ArrayList<>(fields.entrySet());
    }
}
