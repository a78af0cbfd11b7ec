package io.echogateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the operator's {@code application.yml}, the defaults in code and the README's settings table in step.
 */
class SettingsFileTests {

	private final EnumerablePropertySource<?> settingsFile = load();

	@ParameterizedTest
	@CsvSource({ "echo-gateway, io.echogateway.EchoGatewayProperties",
			"tcp-drain, io.echogateway.drain.autoconfigure.TcpDrainProperties" })
	void theSettingsFileStatesExactlyTheDefaultsInCode(String prefix, Class<?> properties) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(this.settingsFile);
		Object fromFile = new Binder(sources).bind(prefix, properties).get();
		assertThat(fromFile).isEqualTo(new Binder().bindOrCreate(prefix, properties));
	}

	@Test
	void everySettingInTheFileIsInTheReadmeTable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		assertThat(List.of(this.settingsFile.getPropertyNames()))
			.allSatisfy((name) -> assertThat(readme).contains("| `" + name + "` |"));
	}

	private static EnumerablePropertySource<?> load() {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yml",
					new FileSystemResource("application.yml"));
			return (EnumerablePropertySource<?>) documents.getFirst();
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read application.yml", ex);
		}
	}

}
