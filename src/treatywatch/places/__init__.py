"""Places: names of states -> ISO 3166-1 alpha-3 codes."""

from treatywatch.places.names import all_names, all_states, normalize, resolve_state, state_name

__all__ = ["resolve_state", "state_name", "all_states", "all_names", "normalize"]
