package io.refinery.engine.modeling;

/** A deploy refused because validation found problems; nothing was deployed. The REST API answers 400 with them. */
public class ModelInvalid extends RuntimeException {
    private final transient Validation validation;

    public ModelInvalid(Validation validation) {
        super("not deployed: " + validation.problems().size() + " problem(s), first: "
                + validation.problems().get(0).message());
        this.validation = validation;
    }

    public Validation validation() {
        return validation;
    }
}
