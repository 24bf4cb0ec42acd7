"""Inter-coder agreement: blind copies for a second coder, comparison figures and consensus."""
