package dev.termpress.generator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test certificate authority and a server certificate it signed for one host name, made with the
 * JDK's keytool (EC P-256, cheap for a guest to verify). Both are valid from 2023 to 2033, because
 * {@code termpress check} gives the guest a deterministic clock that starts at 2024-01-01.
 */
final class TestCertificates {

    private static final String PASSWORD = "termpress-test";

    private final Path serverStore;
    private final String authorityPem;

    private TestCertificates(Path serverStore, String authorityPem) {
        this.serverStore = serverStore;
        this.authorityPem = authorityPem;
    }

    static TestCertificates create(Path dir, String hostName) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path request = dir.resolve("server.csr");
        Path signed = dir.resolve("server.pem");
        Path authority = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=termpress test CA",
                "-ext", "bc:c", "-startdate", "2023/01/01 00:00:00", "-validity", "3650", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", authority.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + hostName,
                "-startdate", "2023/01/01 00:00:00", "-validity", "3650", "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                "-outfile", signed.toString(), "-ext", "san=dns:" + hostName, "-startdate", "2023/01/01 00:00:00",
                "-validity", "3650");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", authority.toString(), "-keystore", server.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", signed.toString(), "-keystore", server.toString());
        return new TestCertificates(server, Files.readString(authority, StandardCharsets.US_ASCII));
    }

    /** The authority's certificate, PEM: what the guest must trust. */
    String authorityPem() {
        return authorityPem;
    }

    /** A TLS context that presents the signed server certificate with its chain. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
