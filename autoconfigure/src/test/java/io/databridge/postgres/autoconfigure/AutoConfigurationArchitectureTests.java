package io.databridge.postgres.autoconfigure;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules that span the data module and the auto-configuration, on both
 * modules' main classes: {@code internal} never depends on {@code autoconfigure}, the
 * packages of both form no cycle, and no public auto-configuration member takes or
 * returns an {@code internal} type (the beans of internal types are package-private
 * methods).
 */
class AutoConfigurationArchitectureTests {

	static final String BASE = "io.databridge.postgres";

	static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void shouldKeepInternalFreeOfAutoConfiguration() {
		noClasses().that()
			.resideInAPackage(BASE + ".internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".autoconfigure..")
			.check(MAIN);
	}

	@Test
	void shouldHaveNoPackageCyclesAcrossModules() {
		slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void shouldExposeNoInternalTypeInPublicAutoConfigurationMembers() {
		codeUnits().that(visibleIn(BASE + ".autoconfigure"))
			.should(new ArchCondition<>("take and return no type of " + BASE + ".internal") {
				@Override
				public void check(JavaCodeUnit code, ConditionEvents events) {
					code.getReturnType()
						.getAllInvolvedRawTypes()
						.stream()
						.filter(AutoConfigurationArchitectureTests::isInternal)
						.forEach((type) -> events.add(SimpleConditionEvent.violated(code,
								code.getFullName() + " returns " + type.getName())));
					code.getParameterTypes()
						.stream()
						.flatMap((parameter) -> parameter.getAllInvolvedRawTypes().stream())
						.filter(AutoConfigurationArchitectureTests::isInternal)
						.forEach((type) -> events
							.add(SimpleConditionEvent.violated(code, code.getFullName() + " takes " + type.getName())));
				}
			})
			.check(MAIN);
	}

	private static boolean isInternal(JavaClass type) {
		return type.getPackageName().startsWith(BASE + ".internal");
	}

	private static DescribedPredicate<JavaCodeUnit> visibleIn(String packageName) {
		return DescribedPredicate.describe("public or protected in public classes of " + packageName,
				(code) -> code.getOwner().getPackageName().startsWith(packageName) && isVisible(code.getModifiers())
						&& isVisible(code.getOwner().getModifiers()));
	}

	private static boolean isVisible(Set<JavaModifier> modifiers) {
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

}
