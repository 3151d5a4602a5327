package io.distgres.coordinator.pgwire.codec;

import java.util.List;
import java.util.Map;

/** A message a client sends, decoded from the PostgreSQL v3 wire format. */
public sealed interface FrontendMessage {

    /** StartupMessage: protocol version and the startup parameters (user, database, options, ...). */
    record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
        public Startup {
            parameters = Map.copyOf(parameters);
        }
    }

    /** SSLRequest: answered with 'N' until TLS is supported. */
    record SslRequest() implements FrontendMessage {
    }

    /** GSSENCRequest: answered with 'N'. */
    record GssEncRequest() implements FrontendMessage {
    }

    /** CancelRequest: sent on a fresh connection to cancel the statement running in another session. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
    }

    /** 'p': password or SASL response; its meaning depends on the authentication in progress. */
    record PasswordMessage(byte[] payload) implements FrontendMessage {
    }

    /** 'Q': simple query, possibly several statements. */
    record Query(String sql) implements FrontendMessage {
    }

    /** 'P': Parse. A parameter type OID of 0 leaves the type to the server. */
    record Parse(String statementName, String sql, int[] parameterTypes) implements FrontendMessage {
    }

    /** 'B': Bind. Parameter values are null for SQL NULL. Formats: 0 text, 1 binary. */
    record Bind(String portalName, String statementName, short[] parameterFormats, List<byte[]> parameterValues,
                short[] resultFormats) implements FrontendMessage {

        /** The format of parameter {@code index} following the protocol's 0/1/n rule. */
        public short parameterFormat(int index) {
            return formatAt(parameterFormats, index);
        }

        /** The format of result column {@code index} following the protocol's 0/1/n rule. */
        public short resultFormat(int index) {
            return formatAt(resultFormats, index);
        }

        private static short formatAt(short[] formats, int index) {
            if (formats.length == 0) {
                return 0;
            }
            return formats.length == 1 ? formats[0] : formats[index];
        }
    }

    /** 'D': Describe a statement ('S') or a portal ('P'). */
    record Describe(byte kind, String name) implements FrontendMessage {
    }

    /** 'E': Execute a portal; maxRows 0 means all rows. */
    record Execute(String portalName, int maxRows) implements FrontendMessage {
    }

    /** 'C': Close a statement ('S') or a portal ('P'). */
    record Close(byte kind, String name) implements FrontendMessage {
    }

    /** 'S': Sync. */
    record Sync() implements FrontendMessage {
    }

    /** 'H': Flush. */
    record Flush() implements FrontendMessage {
    }

    /** 'X': Terminate. */
    record Terminate() implements FrontendMessage {
    }

    /** 'd': CopyData. */
    record CopyData(byte[] data) implements FrontendMessage {
    }

    /** 'c': CopyDone. */
    record CopyDone() implements FrontendMessage {
    }

    /** 'f': CopyFail. */
    record CopyFail(String reason) implements FrontendMessage {
    }
}
