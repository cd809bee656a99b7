package org.jamesxmpp.it.persistent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few WebAdmin calls an administrator makes, over HTTP. */
record WebAdmin(int port) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    void addDomain(String domain) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/domains/" + domain)).PUT(HttpRequest.BodyPublishers.noBody()), 204);
    }

    void addUser(String user, String password) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/users/" + user))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}")), 204);
    }

    String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    /** The {@code "size"} WebAdmin reports for mail queue {@code name}. */
    long queueSize(String name) throws IOException, InterruptedException {
        String body = get("/mailQueues/" + name);
        Matcher size = SIZE.matcher(body);
        if (!size.find()) {
            throw new IOException("no size in " + body);
        }
        return Long.parseLong(size.group(1));
    }

    private String send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException(response.request().method() + " " + response.request().uri() + ": "
                + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
