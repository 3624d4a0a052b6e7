"""factory-boy factories for the one-stop desk's dossiers."""

import factory
from factory.django import DjangoModelFactory

from ansinh.desk.models import Dossier, Procedure


class DossierFactory(DjangoModelFactory):
    """A dossier of procedure `procedure_code` with every listed document ticked. Use `.build()`
    for the unsaved dossier that `services.receive` takes."""

    class Meta:
        model = Dossier

    class Params:
        procedure_code = "LD-GPLD-GIAHAN"

    procedure = factory.LazyAttribute(
        lambda dossier: Procedure.objects.get(code=dossier.procedure_code)
    )
    channel = "direct"
    documents_received = factory.LazyAttribute(lambda dossier: dossier.procedure.document_list)
    applicant_name = "Công ty TNHH Thủy sản Phát Đạt"
    applicant_phone = "0299 3821 123"
    applicant_address = "Phường 2"
