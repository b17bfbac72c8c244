package io.restaurantapi.web;

/** A request parameter that cannot be accepted; answered with 400 and the parameter's name. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
