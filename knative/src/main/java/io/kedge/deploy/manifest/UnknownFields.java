package io.kedge.deploy.manifest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the keys a typed fabric8 model did not know. The models swallow unknown keys into
 * {@code additionalProperties} instead of failing, so {@code imagee:} for {@code image:} or
 * {@code anotations:} would load silently and be dropped by the API server; this walks the model and
 * names every such key with its path.
 */
public final class UnknownFields {

    private static final int MAX_DEPTH = 40;

    /** Paths like {@code spec.template.spec.containers[0].imagee}, in model order. */
    public static List<String> of(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, 0);
        return found;
    }

    private static void walk(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", found, depth + 1));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return; // strings, numbers, enums: leaves
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isProperty(getter)) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> unknown) {
                    unknown.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
                }
            } else {
                walk(child, join(path, propertyName(getter)), found, depth + 1);
            }
        }
    }

    private static boolean isProperty(Method method) {
        return method.getName().startsWith("get") && method.getName().length() > 3 && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers()) && !method.getName().equals("getClass")
                && method.getDeclaringClass().getName().startsWith("io.fabric8.");
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a computed property that cannot be read is no field of the manifest
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private UnknownFields() {
    }
}
