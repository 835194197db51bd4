package chippy.differential;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.ResponseHeader;

/** One plain TCP connection to a broker that speaks the Kafka protocol, one request at a time. */
final class WireConnection implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 20000;
    private static final String CLIENT_ID = "chippy-differential";

    /** The decoded response, or why there is none (the broker closed the connection). */
    record Reply(ApiMessage body, String failure) {
        boolean closed() {
            return body == null;
        }
    }

    private final String address;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int nextCorrelationId = 1;

    WireConnection(String address) {
        this.address = address;
    }

    private void connect() throws IOException {
        int colon = address.lastIndexOf(':');
        socket = new Socket();
        socket.connect(new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1))), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends body at version and reads the answer; a closed connection is reopened for the next call. */
    Reply send(ApiKeys api, short version, ApiMessage body) throws IOException {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer encoded = ByteBuffer.allocate(body.size(cache, version));
        body.write(new ByteBufferAccessor(encoded), cache, version);
        Answer answer = exchange(api, version, api.requestHeaderVersion(version), encoded.array());
        if (answer.failure != null) {
            return new Reply(null, answer.failure);
        }
        ApiMessage response = api.messageType.newResponse();
        ByteBuffer buffer = answer.body;
        // An ApiVersions request at a version the broker does not serve is answered at v0 (KIP-511).
        short responseVersion = version;
        if (api == ApiKeys.API_VERSIONS && buffer.remaining() >= 2 && buffer.getShort(buffer.position()) == 35) {
            responseVersion = 0;
        }
        try {
            response.read(new ByteBufferAccessor(buffer), responseVersion);
        } catch (RuntimeException e) {
            close();
            return new Reply(null, "undecodable " + api.name + " v" + version + " response: " + e.getMessage());
        }
        if (buffer.hasRemaining()) {
            close();
            return new Reply(null, buffer.remaining() + " bytes left after the " + api.name + " v" + version
                    + " response");
        }
        return new Reply(response, null);
    }

    /** A response body after its header, or why there is none. */
    record Answer(ByteBuffer body, String failure) {
    }

    /** Sends a request whose body is given as bytes, at any version, and returns the response body. */
    Answer exchange(ApiKeys api, short version, short headerVersion, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        int correlationId = nextCorrelationId++;
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(api.id)
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId(CLIENT_ID);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.length;
        ByteBuffer frame = ByteBuffer.allocate(4 + size);
        frame.putInt(size);
        header.write(new ByteBufferAccessor(frame), cache, headerVersion);
        frame.put(body);
        try {
            out.write(frame.array());
            out.flush();
            int length = in.readInt();
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            // ApiVersions answers with response header v0 whatever the version asked.
            boolean known = version >= api.messageType.lowestSupportedVersion()
                    && version <= api.messageType.highestSupportedVersion(true);
            short responseHeaderVersion = api == ApiKeys.API_VERSIONS || !known ? 0
                    : api.responseHeaderVersion(version);
            ResponseHeader responseHeader = ResponseHeader.parse(buffer, responseHeaderVersion);
            if (responseHeader.correlationId() != correlationId) {
                close();
                return new Answer(null, "correlation id " + responseHeader.correlationId() + ", expected "
                        + correlationId);
            }
            return new Answer(buffer, null);
        } catch (EOFException | SocketException e) {
            close();
            return new Answer(null, "connection closed");
        } catch (SocketTimeoutException e) {
            close();
            return new Answer(null, "no answer in " + READ_TIMEOUT_MS + " ms");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a socket that is already gone.
            }
            socket = null;
        }
    }
}
