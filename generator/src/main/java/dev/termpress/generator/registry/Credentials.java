package dev.termpress.generator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Registry logins: {@code TERMPRESS_REGISTRY_USERNAME} and {@code TERMPRESS_REGISTRY_PASSWORD} (for
 * every registry, or only {@code TERMPRESS_REGISTRY_HOST} when set), then the {@code auths} of the
 * docker CLI's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, default {@code ~/.docker/config.json}).
 * Messages name where a login came from, never the secret.
 */
public final class Credentials {

    /** A user name and password, and where they came from. */
    record Login(String user, String password, String source) {
        String basicHeader() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "user \"" + user + "\" from " + source;
        }
    }

    private final Map<String, String> env;
    private final Path dockerConfig;

    Credentials(Map<String, String> env, Path dockerConfig) {
        this.env = env;
        this.dockerConfig = dockerConfig;
    }

    /** Reads the process environment and the user's docker configuration. */
    public static Credentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads {@code env} and the docker configuration it points at. */
    public static Credentials fromEnvironment(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path config = dir != null ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new Credentials(env, config);
    }

    /** The login for {@code registry} (host with port), or {@code null} for anonymous access. */
    Login forRegistry(String registry) {
        String user = env.get("TERMPRESS_REGISTRY_USERNAME");
        String password = env.get("TERMPRESS_REGISTRY_PASSWORD");
        String host = env.get("TERMPRESS_REGISTRY_HOST");
        if (user != null && password != null && (host == null || host.equals(registry))) {
            return new Login(user, password, "TERMPRESS_REGISTRY_USERNAME/PASSWORD");
        }
        return fromDockerConfig(registry);
    }

    /** What was tried, for error messages: never the password. */
    String describe(String registry) {
        Login login = forRegistry(registry);
        return login == null ? "none (anonymous; set TERMPRESS_REGISTRY_USERNAME and TERMPRESS_REGISTRY_PASSWORD, "
                + "or `docker login` writes " + dockerConfig + ")" : login.toString();
    }

    private Login fromDockerConfig(String registry) {
        if (!Files.isRegularFile(dockerConfig)) {
            return null;
        }
        try {
            JsonNode auths = new ObjectMapper().readTree(dockerConfig.toFile()).path("auths");
            // docker login stores Docker Hub under its v1 index URL.
            String[] keys = registry.equals(ImageReference.DOCKER_HUB)
                    ? new String[] {"https://index.docker.io/v1/", "index.docker.io", registry}
                    : new String[] {registry, "https://" + registry, "http://" + registry};
            for (String key : keys) {
                String auth = auths.path(key).path("auth").asText("");
                if (!auth.isEmpty()) {
                    String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        return new Login(decoded.substring(0, colon), decoded.substring(colon + 1),
                                dockerConfig + " auths[\"" + key + "\"]");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
