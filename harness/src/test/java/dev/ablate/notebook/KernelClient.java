package dev.ablate.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter front end in miniature for tests: the wire protocol of jupyter_client (message framing, HMAC-SHA256
 * signatures, shell and control requests, iopub output between busy and idle) over ZeroMQ, written independently of
 * the kernel library so that the tests check what Jupyter would see.
 */
final class KernelClient implements AutoCloseable {

    /** How long a kernel may take to answer one request (Spark's first start included). */
    static final Duration REPLY = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** A message received: its type, the id of the request it answers, and its content. */
    record Received(String type, String parentId, JsonNode content) {
    }

    /**
     * What one {@code execute_request} brought.
     *
     * @param reply     the {@code execute_reply}'s content
     * @param published the iopub messages for the request, from busy to idle, in order
     */
    record Execution(JsonNode reply, List<Received> published) {

        String status() {
            return reply.path("status").asText();
        }

        /** The published messages of one type. */
        List<JsonNode> outputs(String type) {
            return published.stream().filter(m -> m.type().equals(type)).map(Received::content).toList();
        }

        /** The {@code data} of the single {@code execute_result}; fails when there is none. */
        JsonNode result() {
            List<JsonNode> results = outputs("execute_result");
            if (results.size() != 1) {
                throw new AssertionError("expected one execute_result, got " + published);
            }
            return results.get(0).path("data");
        }

        /** Everything written to {@code stream} ("stdout" or "stderr"). */
        String stream(String name) {
            StringBuilder text = new StringBuilder();
            outputs("stream").stream().filter(s -> s.path("name").asText().equals(name))
                    .forEach(s -> text.append(s.path("text").asText()));
            return text.toString();
        }

        /** The {@code error} message published (ename, evalue, traceback); fails when there is none. */
        JsonNode error() {
            List<JsonNode> errors = outputs("error");
            if (errors.size() != 1) {
                throw new AssertionError("expected one error, got " + published + " and reply " + reply);
            }
            return errors.get(0);
        }

        /** The error's traceback lines. */
        List<String> traceback() {
            List<String> lines = new ArrayList<>();
            error().path("traceback").forEach(l -> lines.add(l.asText()));
            return lines;
        }
    }

    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Mac mac;
    private final String session = UUID.randomUUID().toString();

    private KernelClient(JsonNode connection) throws GeneralSecurityException {
        String endpoint = "tcp://" + connection.path("ip").asText() + ":";
        shell = context.createSocket(SocketType.DEALER);
        shell.connect(endpoint + connection.path("shell_port").asInt());
        control = context.createSocket(SocketType.DEALER);
        control.connect(endpoint + connection.path("control_port").asInt());
        iopub = context.createSocket(SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect(endpoint + connection.path("iopub_port").asInt());
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(connection.path("key").asText().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    }

    /** Writes a connection file for five free loopback ports and a fresh key into {@code dir}. */
    static Path connectionFile(Path dir) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            ObjectNode c = JSON.createObjectNode().put("ip", "127.0.0.1").put("transport", "tcp")
                    .put("signature_scheme", "hmac-sha256").put("key", UUID.randomUUID().toString())
                    .put("shell_port", sockets.get(0).getLocalPort()).put("iopub_port", sockets.get(1).getLocalPort())
                    .put("stdin_port", sockets.get(2).getLocalPort()).put("control_port", sockets.get(3).getLocalPort())
                    .put("hb_port", sockets.get(4).getLocalPort());
            Path file = dir.resolve("kernel-" + UUID.randomUUID() + ".json");
            Files.writeString(file, c.toString());
            return file;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /**
     * Connects to the kernel serving {@code connectionFile}: waits until it answers {@code kernel_info_request} and its
     * iopub messages arrive (a subscriber misses what is published before it is connected).
     */
    static KernelClient connect(Path connectionFile, Duration startup) throws Exception {
        KernelClient client = new KernelClient(JSON.readTree(Files.readString(connectionFile)));
        Instant deadline = Instant.now().plus(startup);
        String first = client.send(client.shell, "kernel_info_request", JSON.createObjectNode());
        client.receive(client.shell, first, Duration.between(Instant.now(), deadline));
        while (true) {
            String id = client.send(client.shell, "kernel_info_request", JSON.createObjectNode());
            client.receive(client.shell, id, REPLY);
            if (client.awaitIdle(id, Duration.ofSeconds(1)) != null) {
                return client;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the kernel's iopub channel sent nothing within " + startup);
            }
        }
    }

    /** Runs {@code code} as a cell. */
    Execution execute(String code) {
        ObjectNode content = JSON.createObjectNode().put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true);
        content.putObject("user_expressions");
        String id = send(shell, "execute_request", content);
        List<Received> published = awaitIdle(id, REPLY);
        if (published == null) {
            throw new AssertionError("no idle status within " + REPLY + " for: " + code);
        }
        return new Execution(receive(shell, id, REPLY).content(), published);
    }

    /** Sends a request on the shell channel and returns its reply. */
    Received shellRequest(String type, Map<String, Object> content) {
        return receive(shell, send(shell, type, JSON.valueToTree(content)), REPLY);
    }

    /** Sends {@code interrupt_request} on the control channel (from any one thread at a time) without waiting. */
    void interrupt() {
        send(control, "interrupt_request", JSON.createObjectNode());
    }

    /** Asks the kernel to shut down and returns its reply. */
    Received shutdown() {
        return receive(control, send(control, "shutdown_request", JSON.createObjectNode().put("restart", false)), REPLY);
    }

    /** The iopub messages for request {@code id} up to its idle status, or null if none came in {@code timeout}. */
    private List<Received> awaitIdle(String id, Duration timeout) {
        List<Received> published = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Received m = read(iopub, Duration.between(Instant.now(), deadline));
            if (m == null) {
                return null;
            }
            if (!id.equals(m.parentId())) {
                continue;
            }
            published.add(m);
            if (m.type().equals("status") && m.content().path("execution_state").asText().equals("idle")) {
                return published;
            }
        }
        return null;
    }

    private String send(ZMQ.Socket socket, String type, JsonNode content) {
        String id = UUID.randomUUID().toString();
        ObjectNode header = JSON.createObjectNode().put("msg_id", id).put("username", "test").put("session", session)
                .put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now())).put("msg_type", type)
                .put("version", "5.3");
        byte[][] parts = {bytes(header), bytes(JSON.createObjectNode()), bytes(JSON.createObjectNode()), bytes(content)};
        socket.sendMore(DELIMITER);
        socket.sendMore(signature(parts));
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) {
                socket.sendMore(parts[i]);
            } else {
                socket.send(parts[i]);
            }
        }
        return id;
    }

    /** The reply to request {@code id} on {@code socket}; other messages there are skipped. */
    private Received receive(ZMQ.Socket socket, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Received m = read(socket, Duration.between(Instant.now(), deadline));
            if (m != null && id.equals(m.parentId())) {
                return m;
            }
        }
        throw new AssertionError("no reply to " + id + " within " + timeout);
    }

    /** One message, its signature checked; null on timeout. */
    private Received read(ZMQ.Socket socket, Duration timeout) {
        socket.setReceiveTimeOut((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        byte[] frame = socket.recv();
        if (frame == null) {
            return null;
        }
        socket.setReceiveTimeOut(-1); // the rest of a message is there already
        while (!java.util.Arrays.equals(frame, DELIMITER)) { // identities (or a topic) before the delimiter
            frame = socket.recv();
        }
        String signature = socket.recvStr();
        byte[][] parts = {socket.recv(), socket.recv(), socket.recv(), socket.recv()};
        while (socket.hasReceiveMore()) { // buffers
            socket.recv();
        }
        if (!signature.equals(new String(signature(parts), StandardCharsets.US_ASCII))) {
            throw new AssertionError("the kernel sent a message with a wrong signature");
        }
        try {
            JsonNode header = JSON.readTree(parts[0]);
            JsonNode parent = JSON.readTree(parts[1]);
            return new Received(header.path("msg_type").asText(), parent.path("msg_id").asText(null),
                    JSON.readTree(parts[3]));
        } catch (IOException e) {
            throw new AssertionError("the kernel sent a message that is not JSON", e);
        }
    }

    private byte[] signature(byte[][] parts) {
        synchronized (mac) {
            for (byte[] p : parts) {
                mac.update(p);
            }
            return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }
}
