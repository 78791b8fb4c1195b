package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the client and of the JUnit extension (the two modules users build on), and every public method
 * and constructor of one, has a Javadoc comment. The compiler's doclint (in each module's pom) checks what the
 * comments say; this checks that they are there, without
 * demanding an {@code @param} per parameter as doclint's "missing" group would.
 */
class PublicApiDocumentedTest {
    @Test
    void everyPublicTypeAndMember_hasAComment() throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<Path> sources;
        try (Stream<Path> client = Files.walk(Path.of("src/main/java"));
                Stream<Path> extension = Files.walk(Path.of("../junit5/src/main/java"))) {
            sources = Stream.concat(client, extension)
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("package-info.java"))
                    .toList();
        }
        List<String> undocumented = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (isPublic(type.getModifiers().getFlags(), getCurrentPath())) {
                            check(getCurrentPath(), type.getSimpleName().toString());
                            return super.visitClass(type, null);
                        }
                        return null; // nothing inside a type that is not public is API
                    }

                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        boolean inInterface =
                                getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.INTERFACE;
                        boolean isPublic = method.getModifiers().getFlags().contains(Modifier.PUBLIC)
                                || (inInterface
                                        && !method.getModifiers().getFlags().contains(Modifier.PRIVATE));
                        boolean overrides = method.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                        if (isPublic && !overrides) {
                            check(getCurrentPath(), method.getName().toString());
                        }
                        return null;
                    }

                    private void check(TreePath path, String name) {
                        DocCommentTree comment = docs.getDocCommentTree(path);
                        if (comment == null || comment.getFullBody().isEmpty()) {
                            undocumented.add(unit.getSourceFile().getName().replaceAll(".*/java/", "") + ": " + name);
                        }
                    }
                }.scan(unit, null);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    /** Public, or a member of an interface (implicitly public), and every enclosing type public too. */
    private static boolean isPublic(java.util.Set<Modifier> flags, TreePath path) {
        Tree parent = path.getParentPath().getLeaf();
        boolean inInterface = parent.getKind() == Tree.Kind.INTERFACE;
        return flags.contains(Modifier.PUBLIC) || inInterface;
    }
}
