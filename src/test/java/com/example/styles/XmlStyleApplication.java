package com.example.styles;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ImportResource;

/**
 * An application whose whole integration setup is one XML file in the {@code int-ip} namespace, named by the
 * {@code styles.xml} setting (a file of {@code src/test/resources/styles}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ImportResource("classpath:styles/${styles.xml}.xml")
public class XmlStyleApplication {

	public static void main(String[] args) {
		SpringApplication.run(XmlStyleApplication.class, args);
	}

}
