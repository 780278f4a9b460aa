package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopfloor.dashboard.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A person's browser as far as the API sees it: the session cookie, the CSRF token it got at login. */
final class TerminalClient {
    private final URI base;
    private final HttpClient http;
    private String csrfToken;
    /** The session cookie as a browser keeps it: set by a response, sent with every request to this origin. */
    private String cookie;

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText();
        }
    }

    TerminalClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static TerminalClient loggedIn(URI base, String user) throws Exception {
        TerminalClient client = new TerminalClient(base);
        Response login = client.login(user, TerminalPlant.PASSWORD);
        if (login.status() != 200) {
            throw new AssertionError("login of " + user + " failed: " + login.body());
        }
        return client;
    }

    Response login(String user, String password) throws Exception {
        Response response = send(HttpRequest.newBuilder(base.resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("user", user, "password", password)))));
        if (response.status() == 200) {
            csrfToken = response.body().path("csrfToken").asText();
        }
        return response;
    }

    Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, Object body) throws Exception {
        return post(path, body, csrfToken);
    }

    Response post(String path, Object body, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (csrf != null) {
            request.header(Terminal.CSRF_HEADER, csrf);
        }
        return send(request);
    }

    String newForm() throws Exception {
        Response form = post("/api/forms", Map.of());
        if (form.status() != 200) {
            throw new AssertionError("no form token: " + form.body());
        }
        return form.body().path("formToken").asText();
    }

    /** The form with its token, as the page posts it. */
    static ObjectNode withToken(Map<String, Object> form, String token) {
        ObjectNode node = Json.mapper().valueToTree(form);
        node.put("formToken", token);
        return node;
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        response.headers().firstValue("Set-Cookie").ifPresent(set -> {
            String pair = set.split(";", 2)[0];
            cookie = pair.endsWith("=") ? null : pair;
        });
        JsonNode body = response.body().isEmpty() ? Json.mapper().createObjectNode()
                : Json.mapper().readTree(response.body());
        return new Response(response.statusCode(), body, response);
    }
}
