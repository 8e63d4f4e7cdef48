package com.acme.reports;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Stores rendered reports as {@code reports/<tenant>/<period>/<kind>.html}. */
final class ReportWriter {

    private final S3Client s3 = S3Client.create();
    private final String bucket;

    ReportWriter(String bucket) {
        this.bucket = bucket;
    }

    String write(long tenantId, String kind, String period, String html) {
        String key = "reports/" + tenantId + "/" + period + "/" + kind + ".html";
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).contentType("text/html").build();
        s3.putObject(request, RequestBody.fromString(html));
        return key;
    }
}
