package org.iecmh.endorsement.kit.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.Map;

/**
 * Carries a request's trace through the event store to Kafka: every event a command stores keeps, in its metadata, the
 * W3C {@code traceparent} of the span the command ran in (the HTTP request's, which continues the gateway's), and the
 * relay publishes the event in a span that continues that trace, so the Kafka record's {@code traceparent} and its
 * consumers' spans belong to the request that caused them, however much later the relay reads it.
 */
public class TraceParent implements CorrelationDataProvider, SmartInitializingSingleton {

    /** The metadata key, named as the W3C header. */
    public static final String KEY = "traceparent";

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    /**
     * The tracer and propagator, looked up once every singleton exists: looking them up for each message (several
     * per command) took a tenth of a command's processor time. Until then, looked up each time.
     */
    private volatile Found found;

    private record Found(Tracer tracer, Propagator propagator) {
    }

    public TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        found = new Found(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    private Tracer tracer() {
        Found known = found;
        return known != null ? known.tracer() : tracer.getIfAvailable();
    }

    private Propagator propagator() {
        Found known = found;
        return known != null ? known.propagator() : propagator.getIfAvailable();
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Tracer tracing = tracer();
        Span span = tracing == null ? null : tracing.currentSpan();
        if (span == null) {
            Object carried = message.getMetaData().get(KEY);
            return carried == null ? Map.of() : Map.of(KEY, carried);
        }
        TraceContext context = span.context();
        return Map.of(KEY, "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
    }

    /** Runs {@code work} in a span named {@code name} that continues the trace {@code event} was stored in, if any. */
    public void continueTrace(EventMessage<?> event, String name, Runnable work) {
        Object parent = event.getMetaData().get(KEY);
        Tracer tracing = tracer();
        Propagator propagation = propagator();
        if (parent == null || tracing == null || propagation == null) {
            work.run();
            return;
        }
        Span span = propagation.extract(Map.of(KEY, parent.toString()), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracing.withSpan(span)) {
            work.run();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
