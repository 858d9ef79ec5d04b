# Names vulture (60% confidence, pyproject [tool.vulture]) reports as unused that are used
# where it cannot see: each group says who uses them. Vulture matches by name only, so a line
# here keeps every object of that name; keep the groups small and the reasons true.
# This file is parsed by vulture, never imported or run.

# PEP 562 module hooks: the lazy public faces (pubmeta, formats, oai, pipeline) are looked up
# by Python itself on attribute access and dir().
_.__getattr__
_.__dir__

# Engines are chosen by name: pubmeta.engines imports the module and calls its `make`; Dask
# calls `dask_setup(worker)` on each worker it starts for a preload module.
_.make
_.dask_setup
_.worker

# pydantic: the model's configuration and its hooks' arguments are read by pydantic; fields of
# the record are read by name through model_dump, the JSON Schema and the formats' mappings.
_.model_config
_.handler
_.as_of
_.repository_code
_.repository_artifact
_.provenance

# The public face of the record and of formats (documented API; used by the tests and by
# callers, not inside the package): PartialDate.precision, Person/Organisation.display_name,
# Format.carried_fields, schema.MODEL_STRICTER_THAN_SCHEMA.
_.precision
_.display_name
_.carried_fields
_.MODEL_STRICTER_THAN_SCHEMA

# The lazy public face: pubmeta.__getattr__ finds these by their names as strings.
_.iter_records
# pubmeta.FORMATS[name] as users read it: the TypedDict of a format's writer options.
_.options_type

# Data as an OAI-PMH response gives it: a resumption token's expirationDate, kept with the token.
_.expiration

# Windows the tests look through: the warm citeproc engines, bulk mode's state.
_.engines
_.in_bulk_mode

# Library protocols: ruamel.yaml reads these settings from its YAML object; PyYAML reads a
# loader class's yaml_implicit_resolvers; io reads a raw stream through readinto.
_.Constructor
_.default_flow_style
_.allow_unicode
_.sort_base_mapping_type_on_output
_.width
_.allow_duplicate_keys
_.yaml_implicit_resolvers
_.readinto

# Enumeration members: the controlled terms are reached by value (from records, mapping tables
# and JSON), not by name in code, so most members are never spelled out.
_.AccessRights  # its members:
_.OPEN; _.EMBARGOED; _.RESTRICTED; _.CLOSED
_.METADATA_ONLY
_.PublicationType  # its members:
_.ARTICLE; _.REVIEW_ARTICLE; _.LETTER; _.EDITORIAL
_.COMMENT; _.CONFERENCE_PAPER; _.CONFERENCE_ABSTRACT; _.BOOK
_.BOOK_CHAPTER; _.REPORT; _.THESIS; _.DATASET
_.PREPRINT; _.SOFTWARE; _.OTHER
_.RelatedScheme  # its members:
_.ARK; _.ARXIV; _.BIBCODE; _.CSTR
_.DOI; _.EAN13; _.EISSN; _.HANDLE
_.IGSN; _.ISBN; _.ISSN; _.ISTC
_.LISSN; _.LSID; _.PMID; _.PURL
_.RRID; _.UPC; _.URL; _.URN
_.W3ID
_.Relation  # its members:
_.IS_CITED_BY; _.CITES; _.IS_SUPPLEMENT_TO; _.IS_SUPPLEMENTED_BY
_.IS_CONTINUED_BY; _.CONTINUES; _.IS_NEW_VERSION_OF; _.IS_PREVIOUS_VERSION_OF
_.IS_PART_OF; _.HAS_PART; _.IS_PUBLISHED_IN; _.IS_REFERENCED_BY
_.REFERENCES; _.IS_DOCUMENTED_BY; _.DOCUMENTS; _.IS_COMPILED_BY
_.COMPILES; _.IS_VARIANT_FORM_OF; _.IS_ORIGINAL_FORM_OF; _.IS_IDENTICAL_TO
_.HAS_METADATA; _.IS_METADATA_FOR; _.REVIEWS; _.IS_REVIEWED_BY
_.IS_DERIVED_FROM; _.IS_SOURCE_OF; _.DESCRIBES; _.IS_DESCRIBED_BY
_.HAS_VERSION; _.IS_VERSION_OF; _.REQUIRES; _.IS_REQUIRED_BY
_.OBSOLETES; _.IS_OBSOLETED_BY; _.COLLECTS; _.IS_COLLECTED_BY
_.HAS_TRANSLATION; _.IS_TRANSLATION_OF
_.Role  # its members:
_.AUTHOR; _.EDITOR; _.SUPERVISOR; _.TRANSLATOR
_.COMMISSIONER; _.CONTRIBUTOR
_.Status  # its members:
_.PUBLISHED; _.EPUB_AHEAD_OF_PRINT; _.IN_PRESS; _.ACCEPTED
_.SUBMITTED; _.UNPUBLISHED
