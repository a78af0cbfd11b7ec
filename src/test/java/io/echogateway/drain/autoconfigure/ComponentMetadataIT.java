package io.echogateway.drain.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata in the plain jar describes exactly the component's settings, with a description and the
 * default in code for each, and the values of its enums; nothing of the echo service's.
 */
class ComponentMetadataIT {

	private static final String ENDPOINT_SETTINGS = "management.endpoint.(drain|connections).(access|cache.time-to-live)";

	private final TcpDrainProperties defaults = new Binder().bindOrCreate(TcpDrainProperties.PREFIX,
			TcpDrainProperties.class);

	@Test
	void theJarDescribesEachSettingOfThePropertiesClassAndNothingElse() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties");
		Map<String, Map<String, Object>> byName = properties.stream()
			.collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
		List<String> expected = new ArrayList<>(settingsOf(TcpDrainProperties.class, TcpDrainProperties.PREFIX));
		expected.add(TcpDrainProperties.PREFIX + ".servers");
		assertThat(byName.keySet().stream().filter((name) -> !name.matches(ENDPOINT_SETTINGS)))
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(properties).allSatisfy((property) -> {
			assertThat((String) property.get("sourceType")).startsWith("io.echogateway.drain.");
			assertThat((String) property.get("description")).as("description of %s", property.get("name"))
				.isNotBlank();
		});
	}

	@Test
	void eachDefaultInTheJarIsTheDefaultInCode() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties[?(@.name =~ /tcp-drain\\..*/)]");
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new MapPropertySource("metadata",
					properties.stream()
						.filter((property) -> property.get("defaultValue") != null)
						.collect(Collectors.toMap((property) -> (String) property.get("name"),
								(property) -> property.get("defaultValue"))))),
				null, ApplicationConversionService.getSharedInstance());
		assertThat(binder.bindOrCreate(TcpDrainProperties.PREFIX, TcpDrainProperties.class)).isEqualTo(this.defaults);
		assertThat(properties.stream().filter((property) -> property.get("defaultValue") == null)
			.map((property) -> property.get("name")))
			.containsExactlyInAnyOrder(TcpDrainProperties.PREFIX + ".servers", TcpDrainProperties.PREFIX + ".ssl.bundle");
	}

	@ParameterizedTest
	@CsvSource({ "tcp-drain.mode, io.echogateway.drain.DrainMode",
			"tcp-drain.ssl.client-auth, io.echogateway.drain.tls.ClientAuth" })
	void eachEnumSettingListsEveryValueItTakes(String setting, Class<? extends Enum<?>> type) throws IOException {
		List<String> values = JsonPath.read(metadata(), "$.hints[?(@.name == '" + setting + "')].values[*].value");
		assertThat(values).containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.toList());
		List<String> descriptions = JsonPath.read(metadata(),
				"$.hints[?(@.name == '" + setting + "')].values[*].description");
		assertThat(descriptions).hasSameSizeAs(values).allSatisfy((text) -> assertThat(text).isNotBlank());
	}

	/**
	 * Return the setting names a properties record binds, nested records included, in kebab case.
	 */
	private static List<String> settingsOf(Class<?> type, String prefix) {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + component.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
			if (component.getType().isRecord()) {
				names.addAll(settingsOf(component.getType(), name));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	private static String metadata() throws IOException {
		try (JarFile jar = new JarFile(Path.of(System.getProperty("component.jar")).toFile());
				InputStream json = jar.getInputStream(jar.getEntry("META-INF/spring-configuration-metadata.json"))) {
			return new String(json.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
