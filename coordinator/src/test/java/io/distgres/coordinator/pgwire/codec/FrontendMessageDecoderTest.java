package io.distgres.coordinator.pgwire.codec;

import static io.distgres.coordinator.pgwire.codec.Frames.PROTOCOL_3;
import static io.distgres.coordinator.pgwire.codec.Frames.bytes;
import static io.distgres.coordinator.pgwire.codec.Frames.cString;
import static io.distgres.coordinator.pgwire.codec.Frames.int16;
import static io.distgres.coordinator.pgwire.codec.Frames.int32;
import static io.distgres.coordinator.pgwire.codec.Frames.int8;
import static io.distgres.coordinator.pgwire.codec.Frames.startup;
import static io.distgres.coordinator.pgwire.codec.Frames.typed;
import static io.distgres.coordinator.pgwire.codec.Frames.untyped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frontend decoder on Netty's {@code EmbeddedChannel}, no server behind it: every message a
 * client may send, frames that arrive in pieces, and hostile bytes, each rejected with the
 * SQLSTATE PostgreSQL uses before anything is buffered or run.
 */
class FrontendMessageDecoderTest {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    @Test
    void startupArrivingOneByteAtATimeIsDecodedOnceComplete() {
        EmbeddedChannel channel = channel();
        byte[] packet = bytes(startup(Map.of("user", "ann", "database", "shop")));
        for (int i = 0; i < packet.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(packet, i, 1));
            assertThat((Object) channel.readInbound()).as("after %d bytes", i + 1).isNull();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(packet, packet.length - 1, 1));
        FrontendMessage.Startup startup = channel.readInbound();
        assertThat(startup.protocolVersion()).isEqualTo(PROTOCOL_3);
        assertThat(startup.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "ann", "database", "shop"));
    }

    @Test
    void encryptionRequestsComeBeforeTheStartupOnTheSameChannel() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(untyped(int32(FrontendMessageDecoder.SSL_REQUEST_CODE)));
        channel.writeInbound(untyped(int32(FrontendMessageDecoder.GSSENC_REQUEST_CODE)));
        channel.writeInbound(startup(Map.of("user", "ann")));
        assertThat(inbound(channel)).extracting(Object::getClass).containsExactly(FrontendMessage.SslRequest.class,
                FrontendMessage.GssEncRequest.class, FrontendMessage.Startup.class);
    }

    @Test
    void cancelRequestEndsTheConnectionsInput() {
        EmbeddedChannel channel = channel();
        ByteBuf bytes = untyped(int32(FrontendMessageDecoder.CANCEL_REQUEST_CODE), int32(4242), int32(-7));
        bytes.writeBytes(startup(Map.of("user", "ann")));
        channel.writeInbound(bytes);
        assertThat(inbound(channel)).containsExactly(new FrontendMessage.CancelRequest(4242, -7));
    }

    @Test
    void everyTypedMessageIsDecoded() {
        EmbeddedChannel channel = started();
        channel.writeInbound(typed(MessageType.QUERY, cString("SELECT 1; SELECT 2")));
        channel.writeInbound(typed(MessageType.PARSE, cString("s1"), cString("SELECT $1, $2"), int16(2), int32(23),
                int32(0)));
        channel.writeInbound(typed(MessageType.BIND, cString("p1"), cString("s1"), int16(1), int16(1), int16(2),
                int32(4), int32(7), int32(-1), int16(2), int16(0), int16(1)));
        channel.writeInbound(typed(MessageType.DESCRIBE, int8('S'), cString("s1")));
        channel.writeInbound(typed(MessageType.EXECUTE, cString("p1"), int32(100)));
        channel.writeInbound(typed(MessageType.CLOSE, int8('P'), cString("p1")));
        channel.writeInbound(typed(MessageType.FLUSH));
        channel.writeInbound(typed(MessageType.SYNC));
        channel.writeInbound(typed(MessageType.COPY_DATA, "1\tann\n".getBytes(StandardCharsets.UTF_8)));
        channel.writeInbound(typed(MessageType.COPY_DONE));
        channel.writeInbound(typed(MessageType.COPY_FAIL, cString("aborted by user")));
        channel.writeInbound(typed(MessageType.PASSWORD_MESSAGE, cString("secret")));
        channel.writeInbound(typed(MessageType.TERMINATE));
        List<Object> messages = inbound(channel);
        assertThat(messages).hasSize(13);
        assertThat(messages.get(0)).isEqualTo(new FrontendMessage.Query("SELECT 1; SELECT 2"));
        FrontendMessage.Parse parse = (FrontendMessage.Parse) messages.get(1);
        assertThat(parse.statementName()).isEqualTo("s1");
        assertThat(parse.sql()).isEqualTo("SELECT $1, $2");
        assertThat(parse.parameterTypes()).containsExactly(23, 0);
        FrontendMessage.Bind bind = (FrontendMessage.Bind) messages.get(2);
        assertThat(bind.portalName()).isEqualTo("p1");
        assertThat(bind.statementName()).isEqualTo("s1");
        assertThat(bind.parameterFormat(0)).isEqualTo((short) 1);
        assertThat(bind.parameterFormat(1)).as("one format applies to all").isEqualTo((short) 1);
        assertThat(bind.parameterValues().get(0)).containsExactly(0, 0, 0, 7);
        assertThat(bind.parameterValues().get(1)).as("length -1 is NULL").isNull();
        assertThat(bind.resultFormat(0)).isZero();
        assertThat(bind.resultFormat(1)).isEqualTo((short) 1);
        assertThat(messages.get(3)).isEqualTo(new FrontendMessage.Describe((byte) 'S', "s1"));
        assertThat(messages.get(4)).isEqualTo(new FrontendMessage.Execute("p1", 100));
        assertThat(messages.get(5)).isEqualTo(new FrontendMessage.Close((byte) 'P', "p1"));
        assertThat(messages.get(6)).isEqualTo(new FrontendMessage.Flush());
        assertThat(messages.get(7)).isEqualTo(new FrontendMessage.Sync());
        assertThat(((FrontendMessage.CopyData) messages.get(8)).data())
                .isEqualTo("1\tann\n".getBytes(StandardCharsets.UTF_8));
        assertThat(messages.get(9)).isEqualTo(new FrontendMessage.CopyDone());
        assertThat(messages.get(10)).isEqualTo(new FrontendMessage.CopyFail("aborted by user"));
        assertThat(((FrontendMessage.PasswordMessage) messages.get(11)).payload()).isEqualTo(cString("secret"));
        assertThat(messages.get(12)).isEqualTo(new FrontendMessage.Terminate());
    }

    @Test
    void pipelineInOneReadIsDecodedInOrder() {
        EmbeddedChannel channel = started();
        ByteBuf pipeline = Unpooled.buffer();
        pipeline.writeBytes(typed(MessageType.PARSE, cString(""), cString("SELECT 1"), int16(0)));
        pipeline.writeBytes(typed(MessageType.BIND, cString(""), cString(""), int16(0), int16(0), int16(0)));
        pipeline.writeBytes(typed(MessageType.EXECUTE, cString(""), int32(0)));
        pipeline.writeBytes(typed(MessageType.SYNC));
        channel.writeInbound(pipeline);
        assertThat(inbound(channel)).extracting(Object::getClass).containsExactly(FrontendMessage.Parse.class,
                FrontendMessage.Bind.class, FrontendMessage.Execute.class, FrontendMessage.Sync.class);
    }

    @Test
    void typedMessageSplitAtEveryByteIsDecodedOnce() {
        byte[] query = bytes(typed(MessageType.QUERY, cString("SELECT 'split'")));
        for (int split = 1; split < query.length; split++) {
            EmbeddedChannel channel = started();
            channel.writeInbound(Unpooled.wrappedBuffer(query, 0, split));
            assertThat((Object) channel.readInbound()).as("first %d bytes", split).isNull();
            channel.writeInbound(Unpooled.wrappedBuffer(query, split, query.length - split));
            assertThat(inbound(channel)).containsExactly(new FrontendMessage.Query("SELECT 'split'"));
        }
    }

    @Test
    void bytesAfterTerminateAreDropped() {
        EmbeddedChannel channel = started();
        ByteBuf bytes = typed(MessageType.TERMINATE);
        bytes.writeBytes(typed(MessageType.QUERY, cString("DROP TABLE everything")));
        channel.writeInbound(bytes);
        assertThat(inbound(channel)).containsExactly(new FrontendMessage.Terminate());
    }

    /**
     * Startup-phase packets PostgreSQL refuses: a bad length is 08P01 ("invalid length of startup
     * packet"), a protocol it lacks 0A000. PostgreSQL only logs the 08P01 ones and closes; distgres
     * also says why before closing.
     */
    static Stream<Arguments> badStartupPackets() {
        return Stream.of(
                Arguments.of("length 7", Unpooled.wrappedBuffer(int32(7), new byte[] {0, 3, 0}),
                        SqlState.PROTOCOL_VIOLATION),
                Arguments.of("length 0", Unpooled.wrappedBuffer(int32(0)), SqlState.PROTOCOL_VIOLATION),
                Arguments.of("negative length", Unpooled.wrappedBuffer(int32(-8), new byte[16]),
                        SqlState.PROTOCOL_VIOLATION),
                Arguments.of("length over 10000", Unpooled.wrappedBuffer(int32(10_001), int32(PROTOCOL_3)),
                        SqlState.PROTOCOL_VIOLATION),
                Arguments.of("cancel request without its key",
                        untyped(int32(FrontendMessageDecoder.CANCEL_REQUEST_CODE), int32(1)),
                        SqlState.PROTOCOL_VIOLATION),
                Arguments.of("parameter without terminator", untyped(int32(PROTOCOL_3),
                        "user".getBytes(StandardCharsets.UTF_8)), SqlState.PROTOCOL_VIOLATION),
                Arguments.of("protocol 2.0", untyped(int32(2 << 16), cString("user"), cString("ann"), int8(0)),
                        SqlState.FEATURE_NOT_SUPPORTED),
                Arguments.of("protocol 9.9", untyped(int32(9 << 16 | 9), cString("user"), cString("ann"), int8(0)),
                        SqlState.FEATURE_NOT_SUPPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStartupPackets")
    void badStartupPacketIsRejectedFatally(String name, ByteBuf bytes, String sqlState) {
        PgError error = rejection(channel(), bytes);
        assertThat(error.sqlState()).isEqualTo(sqlState);
        assertThat(error.severity()).isEqualTo("FATAL");
    }

    /**
     * Typed messages PostgreSQL refuses with protocol_violation (08P01): a length below 4 or past
     * the limit ("invalid message length"; PostgreSQL has no other SQLSTATE for an oversized
     * message), a type byte no client message has ("invalid frontend message type"), and bodies
     * that are truncated, run past their end or disagree with their own counts ("insufficient data
     * left in message", "invalid message format", "invalid string in message").
     */
    static Stream<Arguments> badTypedMessages() {
        return Stream.of(
                Arguments.of("length -1", Unpooled.wrappedBuffer(int8('Q'), int32(-1))),
                Arguments.of("length 3", Unpooled.wrappedBuffer(int8('Q'), int32(3))),
                Arguments.of("length 2^31-1", Unpooled.wrappedBuffer(int8('Q'), int32(Integer.MAX_VALUE))),
                Arguments.of("length one past the limit", Unpooled.wrappedBuffer(int8('Q'),
                        int32(MAX_MESSAGE_BYTES + 1))),
                Arguments.of("unknown type 'Z'", typed((byte) 'Z')),
                Arguments.of("unknown type 0x00", typed((byte) 0, new byte[4])),
                Arguments.of("backend-only type 'T'", typed(MessageType.ROW_DESCRIPTION.code(), int16(0))),
                Arguments.of("function call", typed(MessageType.FUNCTION_CALL, int32(1))),
                Arguments.of("query without terminator", typed(MessageType.QUERY, "SELECT 1".getBytes(
                        StandardCharsets.UTF_8))),
                Arguments.of("parse with more types than bytes", typed(MessageType.PARSE, cString(""),
                        cString("SELECT $1"), int16(100), int32(23))),
                Arguments.of("bind with a truncated value", typed(MessageType.BIND, cString(""), cString(""),
                        int16(0), int16(1), int32(5), int32(1))),
                Arguments.of("bind with a value length of -2", typed(MessageType.BIND, cString(""), cString(""),
                        int16(0), int16(1), int32(-2), int16(0))),
                Arguments.of("bind with 2 formats for 3 values", typed(MessageType.BIND, cString(""), cString(""),
                        int16(2), int16(0), int16(0), int16(3), int32(-1), int32(-1), int32(-1), int16(0))),
                Arguments.of("execute with bytes past its end", typed(MessageType.EXECUTE, cString(""), int32(0),
                        new byte[3])),
                Arguments.of("describe without a name", typed(MessageType.DESCRIBE, int8('S'))),
                Arguments.of("sync with a body", typed(MessageType.SYNC, int8(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTypedMessages")
    void badTypedMessageIsAProtocolViolation(String name, ByteBuf bytes) {
        PgError error = rejection(started(), bytes);
        assertThat(error.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
        assertThat(error.severity()).isEqualTo("FATAL");
    }

    @Test
    void hostileLengthIsRejectedFromTheHeaderAloneBeforeAnyBodyArrives() {
        PgError error = rejection(started(), Unpooled.wrappedBuffer(int8('Q'), int32(MAX_MESSAGE_BYTES + 1)));
        assertThat(error.message()).isEqualTo("invalid message length " + (MAX_MESSAGE_BYTES + 1)
                + " for message type 'Q'");
    }

    @Test
    void unknownTypeIsNamedByItsCodeAsPostgresDoes() {
        assertThat(rejection(started(), typed((byte) 'Z')).message()).isEqualTo("invalid frontend message type 90");
    }

    @Test
    void everyTypeAClientSendsIsKnownOnlyInItsDirection() {
        for (MessageType type : MessageType.values()) {
            MessageType fromClient = MessageType.fromClient(type.code());
            if (type.direction() == MessageType.Direction.BACKEND) {
                assertThat(fromClient).as(type.name()).isNotEqualTo(type);
            } else {
                assertThat(fromClient).as(type.name()).isEqualTo(type);
            }
        }
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrontendMessageDecoder(MAX_MESSAGE_BYTES));
    }

    /** A channel past its startup message. */
    private static EmbeddedChannel started() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(startup(Map.of("user", "ann")));
        assertThat((Object) channel.readInbound()).isInstanceOf(FrontendMessage.Startup.class);
        return channel;
    }

    private static List<Object> inbound(EmbeddedChannel channel) {
        List<Object> messages = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            messages.add(message);
        }
        return messages;
    }

    private static PgError rejection(EmbeddedChannel channel, ByteBuf bytes) {
        Throwable thrown = catchThrowable(() -> channel.writeInbound(bytes));
        assertThat(thrown).isInstanceOf(DecoderException.class).hasCauseInstanceOf(PgException.class);
        assertThat((Object) channel.readInbound()).as("nothing decoded").isNull();
        return ((PgException) thrown.getCause()).error();
    }
}
