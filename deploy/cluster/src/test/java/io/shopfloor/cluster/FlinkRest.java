package io.shopfloor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Flink's REST API (the JobManager's monitoring endpoints), as the operator's tools see the cluster. */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    FlinkRest(int port) {
        this.base = "http://localhost:" + port;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Registered TaskManagers with their slot counts. */
    JsonNode taskManagers() throws IOException, InterruptedException {
        return get("/taskmanagers").get("taskmanagers");
    }

    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").asText();
    }

    /** Counts (completed, restored, ...) and the latest completed and restored checkpoints. */
    JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The id of the job's newest completed checkpoint, or -1. */
    long latestCompletedCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode completed = checkpoints(jobId).path("latest").path("completed");
        return completed.isMissingNode() || completed.isNull() ? -1 : completed.get("id").asLong();
    }
}
