import factory

from units.models import Department, Membership, Unit, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{400 + n}")
    name = factory.Sequence(lambda n: f"测试部门{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    department = factory.SubFactory(DepartmentFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.department.code}{n + 1:03d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    type = Unit.Type.ADMINISTRATIVE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.ACCOUNTANT
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def member_of(self, create, units, **kwargs):
        self.save()
        for unit in units or []:
            Membership.objects.get_or_create(user=self, unit=unit)
