package io.insiders.schemas;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Registers the project's generated classes with Avro's class security validator: since Avro 1.12
 * a class that is not trusted cannot be instantiated by a reader.
 */
final class TrustedClasses {

    private static final Set<Class<?>> TRUSTED = ConcurrentHashMap.newKeySet();

    private TrustedClasses() {
    }

    static synchronized void trust(Class<?> type) {
        if (TRUSTED.add(type)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                    ClassSecurityValidator.getGlobal(),
                    ClassSecurityValidator.builder().add(type).build()));
        }
    }
}
