package io.echogateway;

import io.echogateway.drain.autoconfigure.EnumSettingConverter;
import io.echogateway.tcp.Framing;
import io.echogateway.tcp.ServerIo;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Converters that give enum settings readable values and readable errors, and a readable error for a web port out of
 * range.
 */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

	@Bean
	@ConfigurationPropertiesBinding
	static EnumSettingConverter<Framing> framingConverter() {
		return new EnumSettingConverter<>("echo-gateway.tcp.framing", Framing.class);
	}

	@Bean
	@ConfigurationPropertiesBinding
	static EnumSettingConverter<ServerIo> serverIoConverter() {
		return new EnumSettingConverter<>("echo-gateway.tcp.io", ServerIo.class);
	}

	@Bean
	ServerPortCheck serverPortCheck(Environment environment) {
		return new ServerPortCheck(environment);
	}

}
