package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a published ConnectWise client, the {@code connectwise-rest} npm package (pinned in
 * {@code src/test/node/connectwise-rest/package.json}), against the simulator: a ticket query with conditions
 * across several pages, a count, a PATCH of status and owner, a note, a time entry and a callback registration.
 * The script, {@code client-run.mjs}, prints one JSON line per step and {@code connectwise-rest: N passed, M failed}.
 *
 * <p>connectwise-rest 1.3.0 hard-codes its base URL as {@code https://{companyUrl}/{entryPoint}/apis/3.0} and has no
 * option for plain http, while the simulator listens on plain HTTP. So the test puts a TLS front before the
 * simulator (a JDK {@link SSLServerSocket} that pipes bytes to it, with a throwaway self-signed certificate made by
 * the JDK's keytool) and lets node trust that certificate through {@code NODE_EXTRA_CA_CERTS}. The client is not
 * changed in any way.
 *
 * <p>Skipped when node or npm is not on the PATH. {@code npm ci} runs once when {@code node_modules} is missing.
 */
class ConnectWiseRestClientTest {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern ALL_PASSED = Pattern.compile("(?m)^connectwise-rest: [1-9]\\d* passed, 0 failed$");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void connectwiseRestRunsItsScriptAgainstTheSimulator() throws Exception {
        // CI installs Node.js (.ci/run), so there a missing node is a failure, not a skip
        boolean ci = System.getenv("CI") != null;
        for (String tool : new String[] {"node", "npm"}) {
            String why = tool + " is not on the PATH: the connectwise-rest client run needs Node.js and npm "
                    + "(Debian packages nodejs, npm)";
            if (ci) {
                assertThat(onPath(tool)).as(why).isTrue();
            } else {
                assumeTrue(onPath(tool), why);
            }
        }
        Path dir = scriptDir();

        if (!Files.isDirectory(dir.resolve("node_modules").resolve("connectwise-rest"))) {
            Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(), INSTALL_TIMEOUT, "npm-ci");
            assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", dir, install.output()).isZero();
        }

        // the standalone simulator in a JVM of its own, as `java -jar psa-simulator.jar connectwise` runs it; the
        // client gets only what its banner prints
        Process standalone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "horizon.simulator.SimulatorMain", "connectwise",
                "--port", "0", "--seed", "42").redirectErrorStream(true).start();
        try (TlsFront front = TlsFront.start(URI.create(bannerValue(standalone, "site:")), tmp)) {
            // Optional CW_* settings (CW_STATUS_ID, CW_BOARD_ID, CW_CONDITIONS, CW_PAGE_SIZE, ...) pass through from
            // this JVM's environment, since the child inherits it; the ones below always come from the banner.
            Map<String, String> env = Map.of(
                    "CW_SITE_URL", front.siteUrl(),
                    "CW_COMPANY_ID", bannerValue(standalone, "company id:"),
                    "CW_PUBLIC_KEY", bannerValue(standalone, "public key:"),
                    "CW_PRIVATE_KEY", bannerValue(standalone, "private key:"),
                    "CW_CLIENT_ID", bannerValue(standalone, "clientId:"),
                    "CW_OWNER_IDENTIFIER", bannerValue(standalone, "API member"),
                    "NODE_EXTRA_CA_CERTS", front.certificatePem().toString());

            Run result = run(List.of("node", "client-run.mjs"), dir, env, RUN_TIMEOUT, "client-run");

            System.out.println(result.output());
            assertThat(result.timedOut()).as("client-run.mjs did not finish in %s:%n%s", RUN_TIMEOUT, result.output()).isFalse();
            assertThat(result.exitCode()).as("client-run.mjs exit code:%n%s", result.output()).isZero();
            assertThat(ALL_PASSED.matcher(result.stdout()).find())
                    .as("client-run.mjs should end with 'connectwise-rest: N passed, 0 failed':%n%s", result.output())
                    .isTrue();
        } finally {
            standalone.destroy();
            standalone.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private final Map<String, String> banner = new java.util.LinkedHashMap<>();

    /** A value of the standalone simulator's banner ("  label   value"), reading it up to the curl it ends with. */
    private String bannerValue(Process standalone, String label) throws java.io.IOException {
        if (banner.isEmpty()) {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(standalone.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.startsWith("Try:"); ) {
                seen.append(line).append('\n');
                for (String known : List.of("site:", "company id:", "public key:", "private key:", "clientId:")) {
                    if (line.trim().startsWith(known)) {
                        banner.put(known, line.trim().substring(known.length()).trim());
                    }
                }
                if (line.startsWith("API member ")) {
                    banner.put("API member", line.substring("API member ".length()).trim());
                }
            }
            banner.put("", seen.toString());
            // keep draining what the simulator prints, so a full pipe never blocks it
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discarded
                    }
                } catch (java.io.IOException closed) {
                    // the process ended
                }
            }, "standalone-simulator-output");
            drain.setDaemon(true);
            drain.start();
        }
        String value = banner.get(label);
        assertThat(value).as("'%s' in the standalone simulator's banner:%n%s", label, banner.get("")).isNotBlank();
        return value;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    /** Surefire runs in the module folder; an IDE may run in the repository root. */
    private static Path scriptDir() {
        for (Path candidate : List.of(Path.of("src/test/node/connectwise-rest"), Path.of("psa-simulator/src/test/node/connectwise-rest"))) {
            if (Files.isRegularFile(candidate.resolve("client-run.mjs"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("src/test/node/connectwise-rest/client-run.mjs not found from " + Path.of("").toAbsolutePath());
    }

    private record Run(int exitCode, boolean timedOut, String stdout, String stderr) {

        String output() {
            return "--- stdout ---\n" + stdout + "--- stderr (last 60 lines) ---\n" + tail(stderr, 60);
        }

        private static String tail(String text, int lines) {
            String[] all = text.split("\n", -1);
            int from = Math.max(0, all.length - lines);
            return String.join("\n", List.of(all).subList(from, all.length));
        }
    }

    private Run run(List<String> command, Path dir, Map<String, String> env, Duration timeout, String name)
            throws IOException, InterruptedException {
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return new Run(finished ? process.exitValue() : -1, !finished,
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Terminates TLS on a loopback port and pipes the plain bytes to the simulator's HTTP port, as a load balancer
     * before a ConnectWise site would. The certificate is self-signed for 127.0.0.1 and made by the JDK's keytool.
     */
    static final class TlsFront implements AutoCloseable {

        private final SSLServerSocket server;
        private final InetSocketAddress backend;
        private final String sitePath;
        private final Path certificatePem;
        private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tls-front");
            t.setDaemon(true);
            return t;
        });
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        private TlsFront(SSLServerSocket server, InetSocketAddress backend, String sitePath, Path certificatePem) {
            this.server = server;
            this.backend = backend;
            this.sitePath = sitePath;
            this.certificatePem = certificatePem;
        }

        static TlsFront start(URI plainSite, Path dir) throws Exception {
            if (!"http".equals(plainSite.getScheme())) {
                throw new IllegalArgumentException("expected the simulator on plain http, got " + plainSite);
            }
            String password = "horizon-test";
            Path keystore = dir.resolve("tls-front.p12");
            Path pem = dir.resolve("tls-front.pem");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            keytool(List.of(keytool, "-genkeypair", "-alias", "front", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", password, "-keypass", password), dir);
            keytool(List.of(keytool, "-exportcert", "-rfc", "-alias", "front", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", password, "-file", pem.toString()), dir);

            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());

            int port = plainSite.getPort() == -1 ? 80 : plainSite.getPort();
            String path = plainSite.getRawPath() == null || plainSite.getRawPath().isEmpty() ? "/" : plainSite.getRawPath();
            TlsFront front = new TlsFront(server, new InetSocketAddress(plainSite.getHost(), port), path, pem);
            front.pumps.execute(front::acceptLoop);
            return front;
        }

        private static void keytool(List<String> command, Path dir) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
            }
        }

        String siteUrl() {
            return "https://127.0.0.1:" + server.getLocalPort() + sitePath;
        }

        Path certificatePem() {
            return certificatePem;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket();
                    try {
                        upstream.connect(backend, 5_000);
                    } catch (IOException e) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                    pumps.execute(() -> pump(client, upstream));
                    pumps.execute(() -> pump(upstream, client));
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        /** Copies one direction; when either side ends, both sockets close (HTTP needs no half-close here). */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the peer went away, or the other pump closed the sockets
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private void closeQuietly(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : new ArrayList<>(open)) {
                closeQuietly(socket);
            }
            pumps.shutdownNow();
        }
    }
}
