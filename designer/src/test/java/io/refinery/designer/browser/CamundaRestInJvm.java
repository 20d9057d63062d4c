package io.refinery.designer.browser;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;

/**
 * Camunda's REST keeps its long-polling fetch-and-lock handler in a static field of
 * {@link FetchAndLockContextListener}: the first web application in a JVM starts it, its shutdown stops it, and every
 * later one (the next test class's Spring context) finds the stopped handler and never answers a long poll. Tests that
 * run workers against their own context clear the field first, so that their context starts a handler of its own.
 */
final class CamundaRestInJvm {
    private CamundaRestInJvm() {
    }

    static void forgetStoppedLongPollHandler() {
        try {
            Field handler = FetchAndLockContextListener.class.getDeclaredField("fetchAndLockHandler");
            handler.setAccessible(true);
            handler.set(null, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Camunda's FetchAndLockContextListener changed: " + e, e);
        }
    }
}
