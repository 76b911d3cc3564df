package dev.idle.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.net.http.HttpClient;
import org.apiguardian.api.API;

/**
 * The layering of docs/architecture.md, checked on the main classes of every engine, provider and CLI module (tests,
 * simulators and the testkit's own tests are not imported). Each rule names the layers it keeps apart; a failure
 * lists every offending dependency with the class and line.
 */
@AnalyzeClasses(packages = "dev.idle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PUBLIC_CORE = {"dev.idle.api..", "dev.idle.spi.."};
    private static final String INTERNAL = "dev.idle.internal..";
    private static final String[] CORE = {"dev.idle.api..", "dev.idle.spi..", "dev.idle.internal..", "dev.idle.steps.."};
    private static final String PROVIDERS = "dev.idle.provider..";
    private static final String RUNNERS = "dev.idle.runner..";
    private static final String[] SIMULATORS = {"dev.idle.graphsim..", "dev.idle.oktasim..", "dev.idle.googlesim..",
            "dev.idle.winrmsim..", "dev.idle.simsupport.."};
    private static final String[] TEST_ONLY = {"dev.idle.graphsim..", "dev.idle.oktasim..", "dev.idle.googlesim..",
            "dev.idle.winrmsim..", "dev.idle.simsupport..", "dev.idle.testkit.."};

    /** The public packages are the contract: they never name an implementation class of the engine. */
    @ArchTest
    static final ArchRule publicPackagesNeverReachInternal = noClasses()
            .that().resideInAnyPackage(PUBLIC_CORE)
            .should().dependOnClassesThat().resideInAPackage(INTERNAL);

    /**
     * Providers, step packs, the testkit, the CLI and its HTML reports see the engine only through api and spi, as a
     * third party does.
     */
    @ArchTest
    static final ArchRule providersStepsTestkitAndCliReachTheEngineOnlyThroughApiAndSpi = noClasses()
            .that().resideInAnyPackage(PROVIDERS, "dev.idle.steps..", "dev.idle.testkit..", "dev.idle.cli..",
                    RUNNERS, "dev.idle.report..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL);

    /** Provider modules make HTTP calls through idle-provider-support, which logs, classifies and rate-limits them. */
    @ArchTest
    static final ArchRule providersSendHttpOnlyThroughProviderSupport = noClasses()
            .that().resideInAPackage(PROVIDERS)
            .and().resideOutsideOfPackage("dev.idle.provider.support..")
            .should().callMethodWhere(target(owner(assignableTo(HttpClient.class)))
                    .and(target(nameMatching("send(Async)?"))))
            .as("provider classes outside idle-provider-support should not call HttpClient.send/sendAsync");

    /** Simulators and the testkit are test servers and test helpers: engine and provider code never uses them. */
    @ArchTest
    static final ArchRule coreAndProvidersNeverUseSimulatorsOrTheTestkit = noClasses()
            .that().resideInAnyPackage(CORE).or().resideInAPackage(PROVIDERS)
            .should().dependOnClassesThat().resideInAnyPackage(TEST_ONLY);

    /** The engine never depends on a provider: providers plug in through the SPI. */
    @ArchTest
    static final ArchRule coreNeverDependsOnProviders = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage(PROVIDERS);

    /**
     * Runners run the engine beyond one JVM on a durable workflow engine (DBOS): that engine stays theirs, and neither
     * the engine nor a provider depends on a runner. The CLI's distributed commands (worker, submit, status,
     * results) use the runners' API, never DBOS itself.
     */
    @ArchTest
    static final ArchRule onlyRunnersUseTheDurableWorkflowEngine = CompositeArchRule.of(noClasses()
                    .that().resideOutsideOfPackage(RUNNERS)
                    .should().dependOnClassesThat().resideInAPackage("dev.dbos.."))
            .and(noClasses().that().resideOutsideOfPackages(RUNNERS, "dev.idle.cli..")
                    .should().dependOnClassesThat().resideInAPackage(RUNNERS));


    /** The runners' engine-neutral API names no durable engine: a Temporal adapter could implement it as DBOS's does. */
    @ArchTest
    static final ArchRule theRunnerApiIsEngineNeutral = noClasses()
            .that().resideInAPackage("dev.idle.runner")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dbos..", "dev.idle.runner.dbos..");

    /** Simulators copy vendors' services and stand alone: they never use the engine or a provider. */
    @ArchTest
    static final ArchRule simulatorsNeverUseTheEngineOrProviders = noClasses()
            .that().resideInAnyPackage(SIMULATORS)
            .should().dependOnClassesThat().resideInAnyPackage(CORE).orShould().dependOnClassesThat()
            .resideInAPackage(PROVIDERS);

    /** Packages form layers: no package depends, directly or through others, on a package that depends on it. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.idle.(**)").should().beFreeOfCycles();

    /**
     * Every public type of the public packages, nested ones too, says how stable it is (docs/architecture.md,
     * "API status").
     */
    @ArchTest
    static final ArchRule everyPublicApiAndSpiTypeCarriesAnApiStatus = classes()
            .that().resideInAnyPackage(PUBLIC_CORE).and().arePublic()
            .should().beAnnotatedWith(API.class);
}
