"""What the pandas and polars baselines share: the method's constants, as an analyst
would copy them from METHOD.md into a notebook."""

MISSING = ["", "nd", "n.d.", "n.d", "-"]
TRUE = ["true", "yes", "si", "sì", "1", "x", "vero", "s", "y"]
MUNICIPAL_KINDS = ["municipality", "comune"]
UNION_KINDS = ["union", "unione", "unione_di_comuni"]

# Size classes (classi demografiche): key and smallest population.
SIZE_CLASSES = [("micro", 0), ("small", 3_000), ("medium", 5_000),
                ("medium_large", 15_000), ("large", 50_000)]

# The usage services of METHOD.md section 3: id -> (competence, facility).
SERVICES = {
    "registry_certificates": ("municipal", None),
    "nursery_enrolment": ("municipal", "nursery"),
    "nursery_fees": ("municipal", "nursery"),
    "school_meals_enrolment": ("municipal", None),
    "school_meals_payment": ("municipal", None),
    "building_scia": ("municipal", None),
    "suap": ("municipal", None),
    "municipal_fines": ("municipal", None),
    "provincial_fines": ("province", None),
    "bus_pass_renewal": ("transport_operator", None),
}
MUNICIPAL_SERVICES = [s for s, (c, _) in SERVICES.items() if c == "municipal"]
PLATFORMS = ["regional_platform", "autonomous_platform", "national_platform"]
COUNTS = PLATFORMS + ["extra_platform", "total"]
