package io.kedge.deploy.modules;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a module's SmallRye {@code @ConfigMapping} interfaces define, read from
 * the Java sources the way SmallRye names them: the prefix, then each abstract method in kebab case
 * ({@code maxClockSkew} → {@code max-clock-skew}) or its {@code @WithName}, nested interfaces as
 * groups, {@code @WithParentName} groups flattened into their parent, {@code Map} members as
 * {@code name.*}; {@code default} and {@code static} methods are no keys. Also collects the
 * environment-variable prefixes a module reads itself (string constants like {@code "KEDGE_ALERT_RULE_"}).
 */
public final class ConfigMappingKeys {

    private static final Pattern ENV_PREFIX = Pattern.compile("KEDGE_[A-Z0-9_]*_");
    private static final Set<String> OPTIONALS = Set.of("Optional", "OptionalInt", "OptionalLong", "OptionalDouble");

    private final List<CompilationUnit> units = new ArrayList<>();

    private ConfigMappingKeys(List<CompilationUnit> units) {
        this.units.addAll(units);
    }

    /** Parses every {@code .java} file under {@code sourceRoot} (missing: no keys). */
    public static ConfigMappingKeys parse(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return new ConfigMappingKeys(List.of());
        }
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<CompilationUnit> units = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                ParseResult<CompilationUnit> result = parser.parse(file);
                CompilationUnit unit = result.getResult()
                        .orElseThrow(() -> new IllegalStateException("cannot parse " + file + ": " + result.getProblems()));
                units.add(unit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sources under " + sourceRoot, e);
        }
        return new ConfigMappingKeys(units);
    }

    /** Every key, e.g. {@code kedge.alert.grafana.hmac.secret}; a map member ends in {@code .*}. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (CompilationUnit unit : units) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                annotation(type, "ConfigMapping").flatMap(a -> member(a, "prefix"))
                        .ifPresent(prefix -> collect(type, prefix, keys, 0));
            }
        }
        return keys;
    }

    /** String constants such as {@code "KEDGE_ALERT_RULE_"}: environment prefixes the module reads itself. */
    public Set<String> environmentPrefixes() {
        Set<String> prefixes = new TreeSet<>();
        for (CompilationUnit unit : units) {
            unit.findAll(StringLiteralExpr.class).stream()
                    .map(StringLiteralExpr::asString)
                    .filter(text -> ENV_PREFIX.matcher(text).matches())
                    .forEach(prefixes::add);
        }
        return prefixes;
    }

    private void collect(ClassOrInterfaceDeclaration group, String prefix, Set<String> keys, int depth) {
        if (depth > 20) {
            throw new IllegalStateException("config groups nest deeper than 20 at " + prefix);
        }
        for (MethodDeclaration method : group.getMethods()) {
            if (method.getBody().isPresent() || method.isStatic() || method.isPrivate() || method.isDefault()) {
                continue;
            }
            boolean flatten = annotation(method, "WithParentName").isPresent();
            String name = annotation(method, "WithName").flatMap(a -> member(a, "value")).orElse(kebab(method.getNameAsString()));
            String key = flatten ? prefix : prefix + "." + name;
            Type type = unwrapOptional(method.getType());
            if (isNamed(type, "Map")) {
                Type value = typeArgument(type, 1).orElse(type);
                Optional<ClassOrInterfaceDeclaration> nested = groupType(value, method);
                if (nested.isPresent()) {
                    collect(nested.get(), key + ".*", keys, depth + 1);
                } else {
                    keys.add(key + ".*");
                }
                continue;
            }
            Optional<ClassOrInterfaceDeclaration> nested = groupType(type, method);
            if (nested.isPresent()) {
                collect(nested.get(), key, keys, depth + 1);
            } else {
                keys.add(key);
            }
        }
    }

    /** The config group interface a type names: nested in an enclosing type first, then any of the module. */
    private Optional<ClassOrInterfaceDeclaration> groupType(Type type, Node context) {
        if (!(type instanceof ClassOrInterfaceType classType)) {
            return Optional.empty();
        }
        String name = classType.getNameAsString();
        Optional<Node> scope = context.getParentNode();
        while (scope.isPresent()) {
            if (scope.get() instanceof TypeDeclaration<?> enclosing) {
                for (var member : enclosing.getMembers()) {
                    if (member instanceof ClassOrInterfaceDeclaration nested && nested.isInterface()
                            && nested.getNameAsString().equals(name)) {
                        return Optional.of(nested);
                    }
                }
            }
            scope = scope.get().getParentNode();
        }
        return units.stream()
                .flatMap(unit -> unit.findAll(ClassOrInterfaceDeclaration.class).stream())
                .filter(declaration -> declaration.isInterface() && declaration.getNameAsString().equals(name))
                .findFirst();
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ClassOrInterfaceType classType && OPTIONALS.contains(classType.getNameAsString())) {
            return typeArgument(type, 0).orElse(type);
        }
        return type;
    }

    private static boolean isNamed(Type type, String name) {
        return type instanceof ClassOrInterfaceType classType && classType.getNameAsString().equals(name);
    }

    private static Optional<Type> typeArgument(Type type, int index) {
        if (type instanceof ClassOrInterfaceType classType && classType.getTypeArguments().isPresent()
                && classType.getTypeArguments().get().size() > index) {
            return Optional.of(classType.getTypeArguments().get().get(index));
        }
        return Optional.empty();
    }

    private static Optional<AnnotationExpr> annotation(com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> node,
                                                       String simpleName) {
        return node.getAnnotations().stream()
                .filter(a -> a.getNameAsString().equals(simpleName) || a.getNameAsString().endsWith("." + simpleName))
                .findFirst();
    }

    private static Optional<String> member(AnnotationExpr annotation, String name) {
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single && name.equals("value")) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            value = normal.getPairs().stream().filter(p -> p.getNameAsString().equals(name)).findFirst()
                    .map(p -> p.getValue()).orElse(null);
        } else if (annotation instanceof SingleMemberAnnotationExpr single && name.equals("prefix")) {
            value = null; // @ConfigMapping("x") is not a prefix; SmallRye requires prefix = "x"
        }
        return value instanceof StringLiteralExpr literal ? Optional.of(literal.asString()) : Optional.empty();
    }

    /** SmallRye's default naming: {@code maxClockSkew} → {@code max-clock-skew}. */
    static String kebab(String camel) {
        StringBuilder kebab = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    kebab.append('-');
                }
                kebab.append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
