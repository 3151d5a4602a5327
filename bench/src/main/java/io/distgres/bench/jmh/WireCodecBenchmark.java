package io.distgres.bench.jmh;

import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.FrontendMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec on the point-select path: encoding a pgbench_accounts DataRow (four text cells)
 * and decoding a Bind with one text parameter, as pgbench -M prepared sends it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireCodecBenchmark {
    private byte[][] cells;
    private ByteBuf out;
    private ByteBuf bind;
    private EmbeddedChannel channel;

    @Setup
    public void setUp() {
        cells = new byte[][] {
            "4711".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8),
            "0".getBytes(StandardCharsets.UTF_8), " ".repeat(84).getBytes(StandardCharsets.UTF_8),
        };
        out = ByteBufAllocator.DEFAULT.buffer(256);
        // the decoder as the server runs it: in a pipeline, past the startup packet
        channel = new EmbeddedChannel(new FrontendMessageDecoder(1 << 20));
        channel.writeInbound(startup());
        channel.readInbound();
        bind = bindMessage();
    }

    @TearDown
    public void tearDown() {
        out.release();
        bind.release();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int encodeDataRow() {
        out.clear();
        BackendMessages.dataRow(out, cells);
        return out.readableBytes();
    }

    @Benchmark
    public Object decodeBind() {
        channel.writeInbound(bind.retainedDuplicate());
        return channel.readInbound();
    }

    private static ByteBuf startup() {
        ByteBuf body = Unpooled.buffer();
        body.writeInt(196608);
        body.writeBytes("user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII));
        ByteBuf message = Unpooled.buffer();
        message.writeInt(body.readableBytes() + 4).writeBytes(body);
        return message;
    }

    /** Bind of unnamed portal to statement P0_1 with one text parameter "4711" and one text result column format. */
    private static ByteBuf bindMessage() {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(0); // portal ""
        body.writeBytes("P0_1\0".getBytes(StandardCharsets.US_ASCII));
        body.writeShort(1).writeShort(0); // one parameter format: text
        byte[] value = "4711".getBytes(StandardCharsets.US_ASCII);
        body.writeShort(1).writeInt(value.length).writeBytes(value);
        body.writeShort(1).writeShort(0); // result formats: text
        ByteBuf message = Unpooled.buffer();
        message.writeByte('B').writeInt(body.readableBytes() + 4).writeBytes(body);
        return message;
    }
}
