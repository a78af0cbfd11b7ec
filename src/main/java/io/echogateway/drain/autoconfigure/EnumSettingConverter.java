package io.echogateway.drain.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads an enum setting written in kebab case, such as {@code stx-etx}, and names the valid values when it is wrong.
 *
 * @param <E> the enum type
 */
public final class EnumSettingConverter<E extends Enum<E>> implements Converter<String, E> {

	private final String name;

	private final Class<E> type;

	/**
	 * Create a converter for one setting.
	 * @param name the setting's name, for the error
	 * @param type the enum type
	 */
	public EnumSettingConverter(String name, Class<E> type) {
		this.name = name;
		this.type = type;
	}

	@Override
	public E convert(String source) {
		String wanted = source.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(this.type.getEnumConstants())
			.filter((constant) -> settingValue(constant).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(this.name + " must be one of " + Arrays
				.stream(this.type.getEnumConstants())
				.map(EnumSettingConverter::settingValue)
				.collect(Collectors.joining(", ")) + ", but was '" + source + "'"));
	}

	/**
	 * Return how a constant is written in the settings, such as {@code stx-etx}.
	 * @param constant the constant
	 * @return its setting value
	 */
	public static String settingValue(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
