package io.echogateway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.Drain;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the numbers in {@code k8s/} against each other, the Dockerfile and the application's defaults, so they
 * cannot drift apart.
 */
class KubernetesManifestsTests {

	private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

	private final Map<String, Object> deployment = load("k8s/deployment.yaml");

	private final Map<String, Object> service = load("k8s/service.yaml");

	private final Map<String, Object> budget = load("k8s/poddisruptionbudget.yaml");

	private final Map<String, Object> container = only(list(map(map(this.deployment, "spec", "template"), "spec"),
			"containers"));

	private final Map<String, Object> tlsDeployment = load("k8s/tls/deployment.yaml");

	private final Map<String, Object> tlsContainer = only(
			list(map(map(this.tlsDeployment, "spec", "template"), "spec"), "containers"));

	private final EchoGatewayProperties defaults = new Binder().bindOrCreate("echo-gateway",
			EchoGatewayProperties.class);

	private final TcpDrainProperties drainDefaults = new Binder().bindOrCreate(TcpDrainProperties.PREFIX,
			TcpDrainProperties.class);

	@Test
	void containerPortsAreTheApplicationsDefaultsAndTheImagesExposedPorts() throws IOException {
		assertThat(containerPort("tcp-echo")).isEqualTo(this.defaults.tcp().port());
		assertThat(containerPort("http")).isEqualTo(defaultHttpPort());
		assertThat(Files.readAllLines(Path.of("Dockerfile")))
			.contains("EXPOSE " + containerPort("tcp-echo") + " " + containerPort("http"));
	}

	@Test
	void probesUseTheActuatorProbePathsOnTheHttpPort() {
		assertThat(map(map(this.container, "readinessProbe"), "httpGet")).containsEntry("path",
				"/actuator/health/readiness").containsEntry("port", "http");
		assertThat(map(map(this.container, "livenessProbe"), "httpGet")).containsEntry("path",
				"/actuator/health/liveness").containsEntry("port", "http");
	}

	@Test
	void theGracePeriodOutlastsTheReadinessProbeNoticingTheDrain() {
		Map<String, Object> readiness = map(this.container, "readinessProbe");
		Duration noticed = Duration.ofSeconds(
				(int) readiness.get("periodSeconds") * (long) (int) readiness.get("failureThreshold"));
		assertThat(gracePeriod()).isGreaterThanOrEqualTo(noticed);
	}

	@Test
	void theShutdownTimeoutsNestAsTheApplicationAndKubernetesNeed() {
		Duration phaseTimeout = env("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").map(DurationStyle::detectAndParse)
			.orElse(Duration.ofSeconds(30));
		Duration drain = gracePeriod().plus(drainTimeout()).plus(Drain.OVERHEAD);
		assertThat(drain).as("grace period + drain timeout + the drain's overhead, checked by the application at startup")
			.isLessThan(phaseTimeout);
		Duration termination = Duration
			.ofSeconds((int) map(map(this.deployment, "spec", "template"), "spec").get("terminationGracePeriodSeconds"));
		assertThat(termination).as("terminationGracePeriodSeconds").isGreaterThanOrEqualTo(phaseTimeout.plus(SHUTDOWN_MARGIN));
	}

	@Test
	void theServiceAndTheBudgetSelectTheDeploymentsPodsAndLeaveOneServing() {
		Map<String, Object> podLabels = map(map(map(this.deployment, "spec", "template"), "metadata"), "labels");
		assertThat(podLabels).containsAllEntriesOf(map(map(this.service, "spec"), "selector"));
		assertThat(podLabels).containsAllEntriesOf(map(map(map(this.budget, "spec"), "selector"), "matchLabels"));
		Map<String, Object> port = only(list(map(this.service, "spec"), "ports"));
		assertThat(port).containsEntry("port", this.defaults.tcp().port()).containsEntry("targetPort", "tcp-echo");
		int replicas = (int) map(this.deployment, "spec").get("replicas");
		assertThat(replicas).isEqualTo(2);
		assertThat((int) map(this.budget, "spec").get("minAvailable")).isBetween(1, replicas - 1);
	}

	@Test
	void thePodRunsAsTheImagesNonRootUserWithResourceLimits() throws IOException {
		Map<String, Object> security = map(map(map(this.deployment, "spec", "template"), "spec"), "securityContext");
		assertThat(security).containsEntry("runAsNonRoot", true);
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("--uid " + security.get("runAsUser"));
		Map<String, Object> resources = map(this.container, "resources");
		assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
		assertThat(map(resources, "limits")).containsKey("memory");
	}

	@Test
	void theTlsVariantIsThePlainDeploymentPlusTheBundleSettingsAndTheSecretsVolume() {
		Map<String, Object> withoutTls = deepCopy(this.tlsDeployment);
		Map<String, Object> podSpec = map(map(withoutTls, "spec", "template"), "spec");
		Map<String, Object> tlsFree = only(list(podSpec, "containers"));
		list(tlsFree, "env").removeIf((variable) -> isTlsSetting((String) asMap(variable).get("name")));
		list(tlsFree, "volumeMounts").removeIf((mount) -> "tls".equals(asMap(mount).get("name")));
		list(podSpec, "volumes").removeIf((volume) -> "tls".equals(asMap(volume).get("name")));
		assertThat(withoutTls).isEqualTo(this.deployment);
	}

	@Test
	void theTlsVariantsEnvironmentBindsToABundleWhoseFilesAreInTheMountedSecret() {
		Map<String, Object> environment = list(this.tlsContainer, "env").stream()
			.map(KubernetesManifestsTests::asMap)
			.filter((variable) -> variable.containsKey("value"))
			.collect(Collectors.toMap((variable) -> (String) variable.get("name"), (variable) -> variable.get("value"),
					(first, second) -> second, LinkedHashMap::new));
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
		TcpDrainProperties properties = binder.bindOrCreate(TcpDrainProperties.PREFIX, TcpDrainProperties.class);
		assertThat(properties.ssl().bundle()).isEqualTo("tcp");
		assertThat(properties.ssl().clientAuth()).hasToString("need");
		Map<String, Object> mount = list(this.tlsContainer, "volumeMounts").stream()
			.map(KubernetesManifestsTests::asMap)
			.filter((candidate) -> "tls".equals(candidate.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(mount).containsEntry("readOnly", true).doesNotContainKey("subPath");
		String secretDirectory = (String) mount.get("mountPath");
		String bundle = "spring.ssl.bundle.pem.tcp.";
		assertThat(binder.bind(bundle + "keystore.certificate", String.class).get())
			.isEqualTo(secretDirectory + "/tls.crt");
		assertThat(binder.bind(bundle + "keystore.private-key", String.class).get())
			.isEqualTo(secretDirectory + "/tls.key");
		assertThat(binder.bind(bundle + "truststore.certificate", String.class).get())
			.isEqualTo(secretDirectory + "/ca.crt");
		assertThat(binder.bind(bundle + "reload-on-update", Boolean.class).get()).isTrue();
		Map<String, Object> volume = list(map(map(this.tlsDeployment, "spec", "template"), "spec"), "volumes").stream()
			.map(KubernetesManifestsTests::asMap)
			.filter((candidate) -> "tls".equals(candidate.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(map(volume, "secret")).containsEntry("secretName", "echo-gateway-tls");
	}

	private static boolean isTlsSetting(String name) {
		return name.startsWith("SPRING_SSL_") || name.startsWith("TCP_DRAIN_SSL_");
	}

	@SuppressWarnings("unchecked")
	private static <T> T deepCopy(T value) {
		if (value instanceof Map<?, ?> source) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			source.forEach((key, entry) -> copy.put(key, deepCopy(entry)));
			return (T) copy;
		}
		if (value instanceof List<?> source) {
			List<Object> copy = new ArrayList<>();
			source.forEach((entry) -> copy.add(deepCopy(entry)));
			return (T) copy;
		}
		return value;
	}

	private Duration gracePeriod() {
		return env("TCP_DRAIN_GRACE_PERIOD").map(DurationStyle::detectAndParse)
			.orElse(this.drainDefaults.gracePeriod());
	}

	private Duration drainTimeout() {
		return env("TCP_DRAIN_TIMEOUT").map(DurationStyle::detectAndParse)
			.orElse(this.drainDefaults.timeout());
	}

	private Optional<String> env(String name) {
		return list(this.container, "env").stream()
			.map(KubernetesManifestsTests::asMap)
			.filter((variable) -> name.equals(variable.get("name")))
			.map((variable) -> (String) variable.get("value"))
			.findFirst();
	}

	private int containerPort(String name) {
		return list(this.container, "ports").stream()
			.map(KubernetesManifestsTests::asMap)
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> (int) port.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No container port named " + name));
	}

	private static int defaultHttpPort() {
		return (int) map(load("src/main/resources/application.yml"), "server").get("port");
	}

	private static Map<String, Object> load(String file) {
		try (Reader reader = Files.newBufferedReader(Path.of(file))) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read " + file, ex);
		}
	}

	private static Map<String, Object> map(Map<String, Object> parent, String... keys) {
		Map<String, Object> current = parent;
		for (String key : keys) {
			current = asMap(current.get(key));
		}
		return current;
	}

	private static List<Object> list(Map<String, Object> parent, String key) {
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) parent.get(key);
		assertThat(list).as(key).isNotNull();
		return list;
	}

	private static Map<String, Object> only(List<Object> list) {
		assertThat(list).hasSize(1);
		return asMap(list.getFirst());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
