package com.acme.reports;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Report templates, stored in S3 as {@code templates/<tenant>/<kind>.html} (a tenant's own) and
 * {@code templates/default/<kind>.html}. Templates change rarely: they are cached for the life of the
 * execution environment, and a missing one is remembered too, so that a burst of requests for an
 * unknown kind does not become a burst of S3 calls.
 */
final class TemplateStore {

    private static final String DEFAULT_TENANT = "default";

    private final S3Client s3;
    private final String bucket;
    private final Map<String, Optional<ReportTemplate>> cache = new ConcurrentHashMap<>();

    TemplateStore(String bucket) {
        this(S3Client.create(), bucket);
    }

    TemplateStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    private static String keyOf(String tenant, String kind) {
        return "templates/" + tenant + "/" + kind + ".html";
    }

    private Optional<ReportTemplate> fetch(String key) {
        return cache.computeIfAbsent(key, k -> {
            try {
                GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(k).build();
                ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(request);
                return Optional.of(new ReportTemplate(k, bytes.asUtf8String()));
            } catch (NoSuchKeyException missing) {
                return Optional.empty();
            }
        });
    }

    /** The tenant's own template for the kind, else the default one. */
    Optional<ReportTemplate> find(String kind, long tenantId) {
        Optional<ReportTemplate> own = fetch(keyOf(Long.toString(tenantId), kind));
        return own.isPresent() ? own : fetch(keyOf(DEFAULT_TENANT, kind));
    }

    /** Forgets the cached templates (tests, and the admin's "reload templates" event). */
    void clear() {
        cache.clear();
    }

    /**
     * The template to render, which must exist: report kinds come from the tenant's plan, and a plan
     * that names a kind without a template is a configuration error to fix, not to work around.
     *
     * @throws IllegalStateException when neither the tenant nor the defaults have the template
     */
    ReportTemplate load(String kind, long tenantId) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("report kind is required");
        }
        Optional<ReportTemplate> template = find(kind, tenantId);
        if (template.isPresent()) {
            return template.get();
        }
        // Seen when a plan gains a report kind before its default template is uploaded.
        throw new IllegalStateException(
                "Template \"" + kind + "\" not found for tenant " + tenantId);
    }
}

/** A template's HTML, with {{name}} placeholders. */
record ReportTemplate(String key, String html) {

    String render(Map<String, String> values) {
        String out = html;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out = out.replace("{{" + entry.getKey() + "}}", entry.getValue());
        }
        return out;
    }
}
