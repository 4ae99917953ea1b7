package io.databridge.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of ARCHITECTURE.md, checked on the compiled main classes of this
 * module: no package cycles, the user-facing value packages never depend on
 * {@code internal}, and no public signature exposes an {@code internal} type. The rules
 * that span the auto-configuration are in its module
 * ({@code AutoConfigurationArchitectureTests}).
 */
class ArchitectureTests {

	static final String BASE = "io.databridge.postgres";

	static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages(BASE);

	@Test
	void shouldHaveNoPackageCycles() {
		slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void shouldKeepValuePackagesFreeOfInternal() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".query..", BASE + ".mapping..", BASE + ".bulk..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".internal..")
			.check(MAIN);
	}

	@Test
	void shouldExposeNoInternalTypeInPublicSignatures() {
		publicSignaturesExposeNoInternalType().check(MAIN);
	}

	@Test
	void shouldDefaultNoPublicAnnotationAttributeToInternal() {
		annotationDefaultsReferToNoInternalType().check(MAIN);
	}

	/**
	 * No attribute of a public annotation outside {@code internal} defaults to an
	 * {@code internal} type (a class, an enum constant or a nested annotation, arrays
	 * included): users read the defaults in their IDE and javadoc. ArchUnit does not
	 * count defaults as dependencies, so the signature and cycle rules do not see them.
	 */
	static ArchRule annotationDefaultsReferToNoInternalType() {
		return classes().that()
			.areAnnotations()
			.and()
			.resideOutsideOfPackage(BASE + ".internal..")
			.and()
			.resideInAPackage(BASE + "..")
			.should(new ArchCondition<>("default no attribute to a type of " + BASE + ".internal") {
				@Override
				public void check(JavaClass annotation, ConditionEvents events) {
					if (!isReachable(annotation)) {
						return;
					}
					for (JavaMethod attribute : annotation.getMethods()) {
						Optional<Object> value = attribute.getDefaultValue();
						if (value.isPresent()) {
							for (JavaClass type : typesIn(value.get())) {
								if (type.getPackageName().startsWith(BASE + ".internal")) {
									events.add(SimpleConditionEvent.violated(annotation,
											attribute.getFullName() + " defaults to " + type.getName()));
								}
							}
						}
					}
				}
			})
			.allowEmptyShould(true);
	}

	private static List<JavaClass> typesIn(Object value) {
		List<JavaClass> types = new ArrayList<>();
		if (value instanceof JavaClass type) {
			types.add(type);
		}
		else if (value instanceof JavaEnumConstant constant) {
			types.add(constant.getDeclaringClass());
		}
		else if (value instanceof JavaAnnotation<?> nested) {
			types.add(nested.getRawType());
			nested.getProperties().values().forEach((property) -> types.addAll(typesIn(property)));
		}
		else if (value instanceof Object[] values) {
			for (Object element : values) {
				types.addAll(typesIn(element));
			}
		}
		return types;
	}

	/**
	 * Every public or protected member (and the supertypes) of a type users can reach
	 * outside {@code internal} mentions no {@code internal} type, generics included.
	 */
	static ArchRule publicSignaturesExposeNoInternalType() {
		return classes().that()
			.resideOutsideOfPackage(BASE + ".internal..")
			.and()
			.resideInAPackage(BASE + "..")
			.should(new ArchCondition<>("expose no type of " + BASE + ".internal in a public signature") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					for (String violation : internalTypesInSignature(type)) {
						events.add(SimpleConditionEvent.violated(type, violation));
					}
				}
			})
			.allowEmptyShould(true);
	}

	private static List<String> internalTypesInSignature(JavaClass type) {
		List<String> violations = new ArrayList<>();
		if (!isReachable(type)) {
			return violations;
		}
		Stream.concat(type.getSuperclass().stream(), type.getInterfaces().stream())
			.forEach((supertype) -> check(type.getName() + " extends", supertype, violations));
		for (JavaMember member : type.getMembers()) {
			if (!isVisible(member.getModifiers())) {
				continue;
			}
			if (member instanceof JavaField field) {
				check(field.getFullName(), field.getType(), violations);
			}
			else if (member instanceof JavaCodeUnit code) {
				check(code.getFullName() + " returns", code.getReturnType(), violations);
				code.getParameterTypes().forEach((parameter) -> check(code.getFullName(), parameter, violations));
				code.getThrowsClause().getTypes().forEach((thrown) -> check(code.getFullName(), thrown, violations));
			}
		}
		return violations;
	}

	private static boolean isReachable(JavaClass type) {
		Optional<JavaClass> current = Optional.of(type);
		while (current.isPresent()) {
			if (!isVisible(current.get().getModifiers()) || current.get().isAnonymousClass()
					|| current.get().isLocalClass()) {
				return false;
			}
			current = current.get().getEnclosingClass();
		}
		return true;
	}

	private static boolean isVisible(Set<JavaModifier> modifiers) {
		return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
				&& !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
	}

	private static void check(String where, JavaType type, List<String> violations) {
		for (JavaClass involved : type.getAllInvolvedRawTypes()) {
			if (involved.getPackageName().startsWith(BASE + ".internal")) {
				violations.add(where + " exposes " + involved.getName());
			}
		}
	}

}
