package io.restaurantapi.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing {@code MONGODB_URI} into one line saying what to set, instead of a stack trace. */
class MissingMongoUriFailureAnalyzer extends AbstractFailureAnalyzer<MissingMongoUriException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingMongoUriException cause) {
        return new FailureAnalysis(
                "MONGODB_URI is not set, so the service does not know which MongoDB to use.",
                "Set MONGODB_URI (e.g. mongodb://user:password@host:27017/restaurant), or run with "
                        + "--spring.profiles.active=embedded for the in-process development database.",
                cause);
    }
}
