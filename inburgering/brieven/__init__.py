"""Letters to the person (``Brief``) from the beheerder's templates (``Briefsjabloon``)."""
