"""The zaaksysteem through the ZGW APIs (Zaken, Documenten, Catalogi), as Open Zaak serves
them: the client (a JWT per call, errors made ours) and the catalogue's zaaktypen."""
