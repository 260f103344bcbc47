package dev.termpress.generator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The pull side of the OCI distribution protocol (distribution-spec spec.md) on the JDK's HttpClient:
 * manifests and blobs by GET, the Bearer token flow and Basic auth, redirects followed by hand so
 * credentials never leave the registry's host, retries with backoff on 429 and 5xx.
 */
public final class RegistryClient {

    /** What a pull accepts, most specific first; the registry picks one (distribution-spec, "Pulling manifests"). */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    static final Set<String> INDEX_TYPES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    /** image-spec manifest.md suggests registries accept manifests of at least 4 MB; refuse bigger ones. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ATTEMPTS = 4;
    /** A blob body that sends nothing for this long counts as a cut connection. */
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    /** Where proxy logins come from; {@code null} when the proxies are not the environment's. */
    private final EnvironmentProxies environmentProxies;
    private final Credentials credentials;
    private final Set<String> insecureHosts;
    private final Duration firstBackoff;
    private final Duration stallTimeout;
    private String token;

    /**
     * @param insecureHosts registry hosts (with port) the site allows over plain HTTP, beside localhost
     * @param firstBackoff the wait before the first retry; it doubles after each
     */
    public RegistryClient(Credentials credentials, Set<String> insecureHosts, Duration firstBackoff) {
        this(credentials, insecureHosts, firstBackoff, ProxySelector.getDefault());
    }

    /** @param proxies where to send requests: {@link EnvironmentProxies} reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY */
    public RegistryClient(Credentials credentials, Set<String> insecureHosts, Duration firstBackoff, ProxySelector proxies) {
        this(credentials, insecureHosts, firstBackoff, proxies, DEFAULT_STALL_TIMEOUT);
    }

    /** @param stallTimeout how long a blob download may receive nothing before it is cut and resumed */
    RegistryClient(Credentials credentials, Set<String> insecureHosts, Duration firstBackoff, ProxySelector proxies,
            Duration stallTimeout) {
        // Redirects are followed by hand (send): the JDK would forward Authorization to blob storage.
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30));
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.http = builder.build();
        this.environmentProxies = proxies instanceof EnvironmentProxies environment ? environment : null;
        this.credentials = credentials;
        this.insecureHosts = Set.copyOf(insecureHosts);
        this.firstBackoff = firstBackoff;
        this.stallTimeout = stallTimeout;
    }

    /** A manifest or index as the registry sent it. */
    public record FetchedManifest(String mediaType, String digest, byte[] bytes) {}

    /** GETs the manifest {@code ref} names (its tag or digest), checking the digest when one was asked for. */
    public FetchedManifest manifest(ImageReference ref, String reference) throws ImageException {
        URI uri = base(ref).resolve("manifests/" + reference);
        HttpResponse<InputStream> response = send(ref, uri, ACCEPT, "manifest " + reference);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new ImageException(ref + ": reading the manifest failed: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ImageException(ref + ": the manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
        if (reference.startsWith("sha256:") && !reference.equals(digest)) {
            throw new ImageException(ref + ": digest mismatch: the registry sent a manifest with " + digest
                    + " for " + reference);
        }
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
        JsonNode node = parse(bytes, ref);
        if (node.hasNonNull("mediaType")) {
            type = node.get("mediaType").asText();
        }
        return new FetchedManifest(type, digest, bytes);
    }

    /**
     * Resolves {@code ref} to its {@code linux/riscv64} image manifest, walking one index level.
     *
     * @throws ImageException listing the platforms the index has when none is linux/riscv64
     */
    public FetchedManifest riscv64Manifest(ImageReference ref) throws ImageException {
        return manifestFor(ref, "linux/riscv64");
    }

    /**
     * Resolves {@code ref} to the image manifest for {@code platform} ({@code os/arch[/variant]}): a
     * platform without a variant takes the entry without one, else the first entry of that os and
     * architecture; a platform with a variant takes only that variant.
     *
     * @throws ImageException listing the platforms the index has when none matches
     */
    public FetchedManifest manifestFor(ImageReference ref, String platform) throws ImageException {
        FetchedManifest top = manifest(ref, ref.manifestReference());
        if (!INDEX_TYPES.contains(top.mediaType())) {
            return top;
        }
        String digest = PlatformChoice.pick(parse(top.bytes(), ref), platform, ref);
        return manifest(ref, digest);
    }

    /** Where a blob download stands, for progress output. */
    public interface DownloadListener {
        /** {@code done} of {@code total} bytes are on disk. */
        void progress(long done, long total);

        DownloadListener NONE = (done, total) -> {};
    }

    /**
     * Streams a blob into {@code target}, verifying size and sha256 on the way; the file appears only
     * when both match (written to a temporary file beside it, then renamed).
     */
    public void blob(ImageReference ref, String digest, long size, Path target) throws ImageException {
        blob(ref, digest, size, target, target.resolveSibling("." + target.getFileName() + ".part"), DownloadListener.NONE);
    }

    /**
     * Downloads a blob into {@code part}, continuing with an HTTP Range request from what {@code part}
     * already holds (a cut connection, or an earlier run), then verifies size and sha256 over the whole
     * file and renames it to {@code target}. A mismatch deletes {@code part}; a cut that persists keeps it
     * for the next attempt.
     */
    public void blob(ImageReference ref, String digest, long size, Path target, Path part, DownloadListener listener)
            throws ImageException {
        URI uri = base(ref).resolve("blobs/" + digest);
        try {
            Files.createDirectories(part.getParent());
            MessageDigest sha = sha256();
            long have = prefix(part, size, sha);
            int cuts = 0;
            while (have < size) {
                HttpResponse<InputStream> response = send(ref, uri, "*/*", "blob " + digest,
                        have > 0 ? "bytes=" + have + "-" : null);
                boolean append = have > 0 && response.statusCode() == 206 && rangeStartsAt(response, have);
                if (!append && have > 0) {
                    // The server ignored the Range (a 200 with the whole blob): start over.
                    sha.reset();
                    have = 0;
                }
                long before = have;
                InputStream in = response.body();
                StallWatchdog watchdog = new StallWatchdog(in, stallTimeout);
                try (in; watchdog; OutputStream out = append
                        ? Files.newOutputStream(part, StandardOpenOption.APPEND) : Files.newOutputStream(part)) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) >= 0; watchdog.progress()) {
                        if (have + n > size) {
                            Files.deleteIfExists(part);
                            throw new ImageException(ref + ": blob " + digest + " is longer than its " + size
                                    + " bytes; rejected, nothing cached");
                        }
                        sha.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        have += n;
                        listener.progress(have, size);
                    }
                } catch (IOException e) {
                    // A cut or stalled connection: what arrived stays in part, the next request asks for the rest.
                    String why = watchdog.fired()
                            ? "no data for " + (stallTimeout.toMillis() % 1000 == 0 ? stallTimeout.toSeconds() + " s"
                                    : stallTimeout.toMillis() + " ms") : e.getMessage();
                    if (have == before && ++cuts >= MAX_ATTEMPTS) {
                        throw new ImageException(ref + ": blob " + digest + " is truncated: " + have + " of " + size
                                + " bytes after " + cuts + " cut connections (" + why
                                + "); the next build resumes from there", e);
                    }
                    continue;
                }
                if (have < size && have == before && ++cuts >= MAX_ATTEMPTS) {
                    throw new ImageException(ref + ": blob " + digest + " is truncated: " + have + " of " + size
                            + " bytes; the registry ends the download early");
                }
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(digest)) {
                Files.deleteIfExists(part);
                throw new ImageException(ref + ": digest mismatch: blob " + digest + " arrived as " + actual
                        + "; rejected, nothing cached");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ImageException(ref + ": downloading blob " + digest + " failed: " + e.getMessage(), e);
        }
    }

    /** Hashes what an earlier attempt left in {@code part}; a part longer than the blob is dropped. */
    private static long prefix(Path part, long size, MessageDigest sha) throws IOException {
        if (!Files.isRegularFile(part)) {
            return 0;
        }
        if (Files.size(part) > size) {
            Files.delete(part);
            return 0;
        }
        long count = 0;
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
                count += n;
            }
        }
        return count;
    }

    /** Whether a 206 answer's {@code Content-Range: bytes START-END/TOTAL} starts where the part ends. */
    private static boolean rangeStartsAt(HttpResponse<?> response, long have) {
        String range = response.headers().firstValue("Content-Range").orElse("");
        return range.startsWith("bytes " + have + "-");
    }

    /** {@code https://host/v2/repo/}; plain HTTP only for loopback hosts and those the site lists as insecure. */
    URI base(ImageReference ref) {
        String scheme = allowsPlainHttp(ref) ? "http" : "https";
        return URI.create(scheme + "://" + ref.apiHost() + "/v2/" + ref.repository() + "/");
    }

    /**
     * Loopback hosts, and the insecure hosts: an entry {@code host} allows every port of that host,
     * {@code host:port} that port only.
     */
    boolean allowsPlainHttp(ImageReference ref) {
        String host = ref.hostName().toLowerCase(Locale.ROOT);
        String registry = ref.registry().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || insecureHosts.contains(registry) || insecureHosts.contains(host)
                || insecureHosts.contains("[" + host + "]");
    }

    /** GET with auth, retries on 429/5xx and redirects; a non-200 answer becomes an error naming {@code ref}. */
    private HttpResponse<InputStream> send(ImageReference ref, URI uri, String accept, String what)
            throws ImageException {
        return send(ref, uri, accept, what, null);
    }

    /** As above, with a {@code Range} header (kept across redirects) when {@code range} is not null; 206 counts as success. */
    private HttpResponse<InputStream> send(ImageReference ref, URI uri, String accept, String what, String range)
            throws ImageException {
        URI current = uri;
        boolean triedAuth = false;
        int redirects = 0;
        int attempt = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().header("Accept", accept)
                    .timeout(Duration.ofMinutes(5));
            if (range != null) {
                request.header("Range", range);
            }
            boolean sameHost = current.getAuthority().equals(uri.getAuthority());
            if (sameHost && token != null) {
                request.header("Authorization", token);
            }
            ProxyLogin proxyLogin = proxyLogin(request, current);
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (++attempt < MAX_ATTEMPTS) {
                    backoff(attempt);
                    continue;
                }
                throw new ImageException(ref + ": cannot reach " + current.getAuthority() + ": " + e
                        + (e instanceof SSLException && "https".equals(current.getScheme())
                                ? " (if this registry speaks plain HTTP, list " + ref.registry()
                                        + " under insecure_registries in termpress.yaml)" : ""), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImageException(ref + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200 || (status == 206 && range != null)) {
                return response;
            }
            discard(response);
            if (status == 407) {
                throw new ImageException(ref + ": " + proxyRefused(current, proxyLogin));
            }
            if (status == 401 && sameHost && !triedAuth) {
                triedAuth = true;
                token = authorize(ref, response.headers().firstValue("WWW-Authenticate").orElse(""));
                continue;
            }
            if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && response.headers().firstValue("Location").isPresent() && redirects++ < MAX_REDIRECTS) {
                current = current.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if ((status == 429 || status >= 500) && ++attempt < MAX_ATTEMPTS) {
                backoff(attempt);
                continue;
            }
            throw new ImageException(ref + ": " + explain(status, what, ref));
        }
    }

    private String explain(int status, String what, ImageReference ref) {
        return switch (status) {
            case 401, 403 -> "unauthorized (HTTP " + status + ") for " + what + "; credentials tried: "
                    + credentials.describe(ref.registry());
            case 404 -> "not found (HTTP 404): " + what + " of repository " + ref.repository() + " on " + ref.registry();
            case 429 -> "the registry keeps answering 429 Too Many Requests; try again later";
            default -> "the registry answered HTTP " + status + " for " + what;
        };
    }

    /** Turns a challenge into an Authorization header value (distribution token.md, RFC 7617). */
    private String authorize(ImageReference ref, String challenge) throws ImageException {
        Challenge parsed = Challenge.parse(challenge);
        Credentials.Login login = credentials.forRegistry(ref.registry());
        if (parsed.scheme().equalsIgnoreCase("basic")) {
            if (login == null) {
                throw new ImageException(ref + ": the registry wants a user name and password; none found in "
                        + credentials.describe(ref.registry()));
            }
            return login.basicHeader();
        }
        if (!parsed.scheme().equalsIgnoreCase("bearer") || parsed.param("realm") == null) {
            throw new ImageException(ref + ": unsupported authentication challenge \"" + challenge + "\"");
        }
        StringBuilder query = new StringBuilder();
        if (parsed.param("service") != null) {
            query.append("service=").append(URLEncoder.encode(parsed.param("service"), StandardCharsets.UTF_8));
        }
        String scope = parsed.param("scope") != null ? parsed.param("scope")
                : "repository:" + ref.repository() + ":pull";
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        String realm = parsed.param("realm");
        URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).GET().timeout(Duration.ofMinutes(1));
        ProxyLogin proxyLogin = proxyLogin(request, tokenUri);
        if (login != null) {
            request.header("Authorization", login.basicHeader());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 407) {
                throw new ImageException(ref + ": " + proxyRefused(tokenUri, proxyLogin));
            }
            if (response.statusCode() != 200) {
                throw new ImageException(ref + ": unauthorized: the token service " + tokenUri.getAuthority()
                        + " answered HTTP " + response.statusCode() + "; credentials tried: "
                        + credentials.describe(ref.registry()));
            }
            JsonNode body = parse(response.body(), ref);
            String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new ImageException(ref + ": the token service answered without a token");
            }
            return "Bearer " + value;
        } catch (IOException e) {
            throw new ImageException(ref + ": cannot reach the token service " + tokenUri.getAuthority() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(ref + ": interrupted", e);
        }
    }

    /**
     * Sends the proxy login, if the proxy URL for {@code uri} has one, with the request (plain HTTP) and
     * the CONNECT that opens its tunnel (HTTPS): proxies ask for it before anything else.
     */
    private ProxyLogin proxyLogin(HttpRequest.Builder request, URI uri) {
        ProxyLogin login = environmentProxies == null ? null : environmentProxies.loginFor(uri);
        if (login != null) {
            request.header("Proxy-Authorization", login.header());
        }
        return login;
    }

    private void backoff(int attempt) throws ImageException {
        try {
            Thread.sleep(firstBackoff.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while waiting to retry", e);
        }
    }

    /** Why a proxy answered 407, with the login tried (never its password) or where a login goes. */
    private String proxyRefused(URI uri, ProxyLogin login) {
        String variable = "https".equalsIgnoreCase(uri.getScheme()) ? "HTTPS_PROXY" : "HTTP_PROXY";
        String proxy = environmentProxies == null ? null : environmentProxies.proxyName(uri);
        String shown = proxy == null ? "the proxy" : "the proxy " + proxy;
        if (login == null) {
            return shown + " wants a login (HTTP 407 Proxy Authentication Required); give it in the proxy URL: "
                    + variable + "=http://USER:PASSWORD@" + (proxy == null ? "HOST:PORT" : proxy);
        }
        if (variable.equals("HTTPS_PROXY") && EnvironmentProxies.basicTunnelLoginsDisabled()) {
            return shown + " wants a login (HTTP 407 Proxy Authentication Required), and this Java runtime does not"
                    + " send Basic logins through HTTPS tunnels: run termpress through its launcher, or start Java with"
                    + " -D" + EnvironmentProxies.TUNNELING_DISABLED_SCHEMES + "= (login in " + variable + ": " + login + ")";
        }
        return shown + " refused the login (HTTP 407 Proxy Authentication Required); login tried: " + login + ", from "
                + variable;
    }

    private static void discard(HttpResponse<InputStream> response) {
        if (response.body() == null) {
            return; // a proxy's answer to CONNECT has no body
        }
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        } catch (IOException ignored) {
            // The body of an error answer carries nothing we use.
        }
    }

    private static JsonNode parse(byte[] bytes, ImageReference ref) throws ImageException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ImageException(ref + ": the registry's answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ImageException(ref + ": the registry's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
