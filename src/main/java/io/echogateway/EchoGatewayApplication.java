package io.echogateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the echo gateway: a Spring Integration TCP echo service with a zero-loss drain.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EchoGatewayApplication {

	public static void main(String[] args) {
		LogFactoryTable.install();
		SpringApplication.run(EchoGatewayApplication.class, args);
	}

}
