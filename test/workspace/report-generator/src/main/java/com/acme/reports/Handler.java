package com.acme.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;

/**
 * Renders a tenant's report (invoice, receipt, monthly summary) from its template and the data the
 * request names, and stores the result for download.
 */
public class Handler implements RequestHandler<Map<String, String>, Map<String, String>> {

    // Built once per execution environment: loading the templates is the slow part of a cold start.
    private static final TemplateStore STORE = new TemplateStore(System.getenv("TEMPLATE_BUCKET"));
    private static final ReportWriter WRITER = new ReportWriter(System.getenv("REPORT_BUCKET"));

    private static long parseTenant(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        return Long.parseLong(value);
    }

    @Override
    public Map<String, String> handleRequest(Map<String, String> request, Context context) {
        LambdaLogger log = context.getLogger();
        String kind = request.getOrDefault("kind", "invoice");
        long tenantId = parseTenant(request.get("tenantId"));
        String period = request.getOrDefault("period", currentPeriod());
        log.log("rendering " + kind + " for tenant " + tenantId + " (" + period + ")");

        // Tenants may override any template; the defaults apply otherwise.
        ReportTemplate template = STORE.load(kind, tenantId);
        String body = template.render(Map.of("tenantId", Long.toString(tenantId), "period", period));
        String key = WRITER.write(tenantId, kind, period, body);
        return Map.of("key", key, "renderedAt", Instant.now().toString());
    }

    private static String currentPeriod() {
        return java.time.YearMonth.now().toString();
    }
}
