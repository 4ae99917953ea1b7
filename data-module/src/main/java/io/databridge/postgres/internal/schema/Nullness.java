package io.databridge.postgres.internal.schema;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;

/**
 * Reads JSpecify nullness: a property is non-null when its class (or an enclosing class,
 * or its package) is {@code @NullMarked} and its type is not annotated {@code @Nullable}
 * (JSpecify's, or any declaration annotation named {@code Nullable}).
 */
final class Nullness {

	private Nullness() {
	}

	static boolean isNonNull(PgPersistentProperty property) {
		if (property.getType().isPrimitive()) {
			return true;
		}
		if (!isNullMarked(property.getOwner().getType())) {
			return false;
		}
		Field field = property.getField();
		Method getter = property.getGetter();
		return !(field != null && isNullable(field, field.getAnnotatedType()))
				&& !(getter != null && isNullable(getter, getter.getAnnotatedReturnType()));
	}

	private static boolean isNullable(AnnotatedElement element, AnnotatedType type) {
		if (type.isAnnotationPresent(org.jspecify.annotations.Nullable.class)) {
			return true;
		}
		for (var annotation : element.getAnnotations()) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isNullMarked(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			if (current.isAnnotationPresent(NullUnmarked.class)) {
				return false;
			}
			if (current.isAnnotationPresent(NullMarked.class)) {
				return true;
			}
		}
		Package pkg = type.getPackage();
		return pkg != null && pkg.isAnnotationPresent(NullMarked.class);
	}

}
